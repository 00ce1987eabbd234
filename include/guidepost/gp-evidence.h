/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <guidepost/gp-journal.h>

G_BEGIN_DECLS

/* The evidence record for unit D4 ("Support customers using on-line customer services"):
 * for each assessment criterion 1.1–3.7 and evidence requirement 4a, 4b, 5a, 5b, the
 * actions of the chosen sessions that show it (session, flow, event seq, time, a one-line
 * description), computed from the events alone.  Criteria no event can show say so and
 * call for the witness statement.  The record never holds identity-check answers (events
 * have none) nor the customer's words beyond the intake goal and agreed problem: notes,
 * complaint texts, comments and escalation reasons are left out.
 *
 * JSON: {"format": "guidepost-evidence/1", "generated", "unit": "D4", "witness_statement",
 * "sessions": [ids], "criteria": [{"id", "title", "note", "evidence": [{"session", "flow",
 * "seq", "time", "event", "actor", "description"}]}]}.
 * HTML: one self-contained, printable page, one section per criterion, the witness
 * statement and a signature line at the end.  See docs/events.md. */

typedef enum {
  GP_EVIDENCE_FORMAT_JSON,
  GP_EVIDENCE_FORMAT_HTML,
} GpEvidenceFormat;

#define GP_EVIDENCE_REPORT_FORMAT "guidepost-evidence/1"

/* Writes the evidence report to @out (not closed).
 * @session_ids: (nullable) (array zero-terminated=1): the sessions, in this order; NULL
 *   for every finished session of @journal, oldest first
 * @witness_statement: (nullable): the trainer's or witness's statement
 * Returns: FALSE with GP_JOURNAL_ERROR_UNKNOWN_SESSION for a session not in @journal,
 *   another GP_JOURNAL_ERROR for damaged events, or a G_IO_ERROR (writing) */
gboolean gp_evidence_report_write (GpJournal          *journal,
                                   const char * const *session_ids,
                                   GpEvidenceFormat    format,
                                   const char         *witness_statement,
                                   GOutputStream      *out,
                                   GCancellable       *cancellable,
                                   GError            **error);

G_END_DECLS
