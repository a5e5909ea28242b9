# The two entry points of the README: `make run` and `make test`. Both set up the machine first.
BUILD ?= build
CMAKE_FLAGS ?= -DMETER_WERROR=ON
METER := $(BUILD)/src/app/meter
# ccache hashes paths relative to the checkout, so clones in other folders share one cache.
export CCACHE_BASEDIR := $(CURDIR)
export CCACHE_NOHASHDIR := 1

.PHONY: setup build run score-sample test format check-format check-layers bench clean

setup:
	@scripts/setup

build: setup
	@cmake -S . -B $(BUILD) -G Ninja $(CMAKE_FLAGS) >/dev/null
	@cmake --build $(BUILD)

# METER's main job: the web application on the embedded SQLite database (var/meter.db), with a
# demonstration country, round and logins. Stop it with Ctrl+C.
run: build
	$(METER) serve --demo

# The command-line job on its own: validate the instruments and score the sample assessment.
score-sample: build
	$(METER) instrument validate content/instruments/*.yaml
	$(METER) score --instrument content/instruments/meter-2.0.yaml \
	  --answers content/samples/aurelia-2026-answers.csv \
	  --groups content/samples/aurelia-2026-groups.csv

test: build check-format check-layers
	@cd $(BUILD) && ctest --output-on-failure -j2

check-format:
	@scripts/check-format

check-layers:
	@scripts/check-layers

format:
	@git ls-files --cached --others --exclude-standard '*.cpp' '*.h' | xargs clang-format -i

bench: build
	@bench/score/run
	@bench/http/run
	@bench/load/run
	@bench/scale/run

clean:
	rm -rf $(BUILD)
