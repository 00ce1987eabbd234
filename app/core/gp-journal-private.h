/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>
#include <sqlite3.h>
#include <guidepost/gp-journal-session.h>
#include <guidepost/gp-journal.h>

G_BEGIN_DECLS

/* Only the journal creates and updates its list items. */
GpJournalSession *gp_journal_session_new        (const char *id,
                                                 const char *flow_id,
                                                 const char *flow_version,
                                                 const char *mode,
                                                 gint64      started);
void              gp_journal_session_set_events (GpJournalSession *self,
                                                 guint64           n_events,
                                                 gint64            first_event_time,
                                                 gint64            last_event_time);
void              gp_journal_session_set_mode   (GpJournalSession *self,
                                                 const char       *mode);
void              gp_journal_session_set_ended  (GpJournalSession *self,
                                                 const char       *outcome);

/* Sets a GP_JOURNAL_ERROR for SQLite result @rc: "Journal PATH: could not WHAT: ...".
 * Returns: FALSE, for `return gp_journal_set_sqlite_error (...)` */
gboolean          gp_journal_set_sqlite_error   (sqlite3     *db,
                                                 const char  *path,
                                                 GError     **error,
                                                 int          rc,
                                                 const char  *format,
                                                 ...) G_GNUC_PRINTF (5, 6);
gboolean          gp_journal_exec               (sqlite3     *db,
                                                 const char  *path,
                                                 const char  *sql,
                                                 const char  *what,
                                                 GError     **error);
/* Returns: the integer in the first column of the first row of @sql, or -1 with @error */
gint64            gp_journal_query_int          (sqlite3     *db,
                                                 const char  *path,
                                                 const char  *sql,
                                                 const char  *what,
                                                 GError     **error);
/* Brings the schema to GP_JOURNAL_SCHEMA_VERSION, all steps in one transaction. */
gboolean          gp_journal_migrate            (sqlite3     *db,
                                                 const char  *path,
                                                 GError     **error);

/* For the journal's other tables (the hand-off codes): the connection, owned by @self. */
sqlite3          *gp_journal_get_db             (GpJournal   *self);

#define GP_JOURNAL_PAYLOAD_MAX_DEPTH 64

G_END_DECLS
