/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <guidepost/gp-session-export.h>

G_BEGIN_DECLS

/* The "summary" object of a session's JSON record, from its events (element-type GpEvent)
 * alone; @fallback_started (µs) when there are none.  The hand-off reader recomputes it
 * to check a file.  Returns: (transfer full) */
JsonNode *gp_session_export_summary (GPtrArray *events,
                                     gint64     fallback_started);

G_END_DECLS
