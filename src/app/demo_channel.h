// The expert channel in the demo: METER 3.0 reached release the way the seed presentation
// intends. Two demo experts propose the Marketing pillar in its four steps (scope, sub-areas,
// statements, promotion through the recommended actions), comment and vote; the demo secretariat
// accepts them (and rejects one more), and releases 3.0. The bundled content/instruments/
// meter-3.0.yaml was exported from that release, so the sync that follows at start finds it
// unchanged, and refuses to start if the channel no longer makes exactly that file. A closed
// 2027 round of the demo country on 3.0 then compares with its 2026 round on 2.0.
//
// Idempotent: once the database holds METER 3.0, it does nothing.
#pragma once

#include "app/demo.h"
#include "app/installation.h"
#include "core/problem.h"

namespace meter {

Result<bool> SeedDemoChannel(Installation& inst);

}  // namespace meter
