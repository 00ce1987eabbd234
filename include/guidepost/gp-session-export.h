/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <guidepost/gp-journal.h>

G_BEGIN_DECLS

/* Records of past sessions, computed from their events alone (no flow is needed).
 * JSON: {"format": "guidepost-sessions/1", "exported", "sessions": [{"id", "flow": {"id",
 * "version"}, "mode", "summary", "events"}]}, events as gp_event_to_json() writes them.
 * CSV (RFC 4180, UTF-8, CRLF, header row): one row per session, counts only, never the
 * customer's words (notes, complaints, comments, intake texts).  See docs/events.md. */

typedef enum {
  GP_EXPORT_FORMAT_JSON,
  GP_EXPORT_FORMAT_CSV,
} GpExportFormat;

#define GP_SESSION_EXPORT_FORMAT "guidepost-sessions/1"

/* Writes every session of @journal, oldest first, to @out (not closed).
 * @since: (nullable): only sessions started at or after this time
 * Returns: FALSE with a GP_JOURNAL_ERROR (damaged events) or G_IO_ERROR (writing) */
gboolean gp_session_export     (GpJournal      *journal,
                                GpExportFormat  format,
                                GDateTime      *since,
                                GOutputStream  *out,
                                GCancellable   *cancellable,
                                GError        **error);
/* Writes the JSON document with the one session @session_id (the hand-off file).
 * Returns: FALSE with GP_JOURNAL_ERROR_UNKNOWN_SESSION for a session not in @journal */
gboolean gp_session_export_one (GpJournal      *journal,
                                const char     *session_id,
                                GOutputStream  *out,
                                GCancellable   *cancellable,
                                GError        **error);

G_END_DECLS
