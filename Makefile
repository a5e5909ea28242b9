# The two entry points of the README: `make run` and `make test`. Both set up the machine first.
BUILD ?= build
CMAKE_FLAGS ?= -DMETER_WERROR=ON
METER := $(BUILD)/src/app/meter
# ccache hashes paths relative to the checkout, so clones in other folders share one cache.
export CCACHE_BASEDIR := $(CURDIR)
export CCACHE_NOHASHDIR := 1

.PHONY: setup build run score-sample test package install format check-format check-layers bench clean

setup:
	@scripts/setup

compile = cmake -S . -B $(BUILD) -G Ninja $(CMAKE_FLAGS) >/dev/null && cmake --build $(BUILD)

build: setup
	@$(compile)

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

# Every test but the package's (`make package`, below).
test: build check-format check-layers
	@cd $(BUILD) && ctest --output-on-failure -j2 -LE package

# The Debian package: $(BUILD)/package/meter_VERSION_ARCH.deb (CPack DEB, 1 to 2 minutes), then
# checked (tests/package/check-package says what is checked; ctest's debian_package runs the
# same). CI runs it after the tests.
# Only what building and packaging need is installed first (scripts/setup --runtime).
package:
	@scripts/setup --runtime
	@$(compile)
	@tests/package/check-package $(BUILD)

# cmake --install: the binary in $(PREFIX)/bin, its data in $(PREFIX)/share/meter, the
# configuration in /etc/meter, the units in /lib/systemd/system, all under $(DESTDIR) if set.
PREFIX ?= /usr/local
install: build
	@DESTDIR=$(DESTDIR) cmake --install $(BUILD) --prefix $(PREFIX) --strip

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
