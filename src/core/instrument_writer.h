// Writing an instrument back as the YAML text of docs/instrument-format.md, in one canonical
// layout: what `meter instrument po-import` writes, what the shipped instruments are kept in, and
// (later) what exports a version from the database.
//
// For every valid instrument `in`, LoadInstrument(WriteInstrumentYaml(in)) is the same instrument
// (same IDs, texts, stale translations, weights, answer sets, prerequisites and mapping), and
// writing a file that is already in the canonical layout gives back the same bytes. Comments other
// than the two header lines are not kept. Pure function; thread-safe.
#pragma once

#include <string>

#include "core/instrument.h"

namespace meter {

std::string WriteInstrumentYaml(const Instrument& instrument);

}  // namespace meter
