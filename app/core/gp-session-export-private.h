/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <guidepost/gp-session-export.h>

G_BEGIN_DECLS

/* The "summary" object of a session's JSON record, from its events (element-type GpEvent)
 * alone; @fallback_started (µs) when there are none.  The hand-off reader recomputes it
 * to check a file.  Returns: (transfer full) */
JsonNode *gp_session_export_summary (GPtrArray *events,
                                     gint64     fallback_started);

/* A GCompareFunc for a GPtrArray of GpJournalSession: oldest first, ties by id (the order
 * of an export and of an evidence report). */
int               gp_session_export_compare_sessions (gconstpointer a,
                                                      gconstpointer b);
/* @session_id's listing in @journal, or NULL with GP_JOURNAL_ERROR_UNKNOWN_SESSION naming
 * the journal.  Returns: (transfer none) (nullable) */
GpJournalSession *gp_session_export_find_session     (GpJournal   *journal,
                                                      const char  *session_id,
                                                      GError     **error);

G_END_DECLS
