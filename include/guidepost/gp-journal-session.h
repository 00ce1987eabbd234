/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* One row of the journal's list of sessions: what a list shows, not the events. */

#define GP_TYPE_JOURNAL_SESSION (gp_journal_session_get_type ())

G_DECLARE_FINAL_TYPE (GpJournalSession, gp_journal_session, GP, JOURNAL_SESSION, GObject)

const char *gp_journal_session_get_id              (GpJournalSession *self);
const char *gp_journal_session_get_flow_id         (GpJournalSession *self);
const char *gp_journal_session_get_flow_version    (GpJournalSession *self);
const char *gp_journal_session_get_mode            (GpJournalSession *self);
/* Returns: wall time in µs of the first event, or of begin_session when there is none */
gint64      gp_journal_session_get_started         (GpJournalSession *self);
/* Returns: wall time in µs of the last event, 0 when there is none */
gint64      gp_journal_session_get_last_event_time (GpJournalSession *self);
guint64     gp_journal_session_get_n_events        (GpJournalSession *self);
gboolean    gp_journal_session_get_ended           (GpJournalSession *self);
/* Returns: (nullable): the "outcome" of the ended event (e.g. "completed"), NULL until ended */
const char *gp_journal_session_get_outcome         (GpJournalSession *self);

G_END_DECLS
