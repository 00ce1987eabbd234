/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <guidepost/gp-event.h>
#include <guidepost/gp-event-sink.h>
#include <guidepost/gp-journal-session.h>

G_BEGIN_DECLS

/* The journal: every event of every session, in SQLite (WAL, synchronous=FULL), so a
 * committed event survives SIGKILL and power loss.  A GpEventSink, and a GListModel of
 * GpJournalSession, newest first. */

#define GP_JOURNAL_ERROR (gp_journal_error_quark ())

typedef enum {
  GP_JOURNAL_ERROR_FULL,            /* the disk is full */
  GP_JOURNAL_ERROR_READ_ONLY,       /* the file or its folder cannot be written */
  GP_JOURNAL_ERROR_LOCKED,          /* another connection held the lock past the busy timeout */
  GP_JOURNAL_ERROR_CORRUPT,         /* not a database, or a damaged one */
  GP_JOURNAL_ERROR_IO,              /* any other input/output error */
  GP_JOURNAL_ERROR_TOO_NEW,         /* written by a newer Guidepost (schema version above ours) */
  GP_JOURNAL_ERROR_UNKNOWN_SESSION, /* an event for a session that was never begun */
  GP_JOURNAL_ERROR_OUT_OF_ORDER,    /* seq is not the next one of its session */
  GP_JOURNAL_ERROR_CONFLICT,        /* seq already stored with a different event */
  GP_JOURNAL_ERROR_FAILED,          /* anything else SQLite reports */
} GpJournalError;

GQuark gp_journal_error_quark (void);

/* The schema version this build writes (PRAGMA user_version). */
#define GP_JOURNAL_SCHEMA_VERSION 3

#define GP_TYPE_JOURNAL (gp_journal_get_type ())

G_DECLARE_FINAL_TYPE (GpJournal, gp_journal, GP, JOURNAL, GObject)

/* Opens (creating if needed) $XDG_DATA_HOME/guidepost/journal.db.
 * Returns: (transfer full) (nullable): the journal, or NULL with a GP_JOURNAL_ERROR */
GpJournal  *gp_journal_new_default       (GError     **error);
/* Returns: (transfer full) (nullable): the journal, or NULL with a GP_JOURNAL_ERROR */
GpJournal  *gp_journal_new_for_path      (const char  *path,
                                          GError     **error);
const char *gp_journal_get_path          (GpJournal   *self);
/* How long a write waits for another connection's lock before failing with LOCKED. */
void        gp_journal_set_busy_timeout  (GpJournal   *self,
                                          guint        milliseconds);

gboolean    gp_journal_begin_session     (GpJournal   *self,
                                          const char  *session_id,
                                          const char  *flow_id,
                                          const char  *flow_version,
                                          const char  *mode,
                                          GError     **error);
/* One committed INSERT: durable when it returns TRUE.  @event must be the next seq of
 * its session (else OUT_OF_ORDER); an event already stored identically is accepted
 * again without being duplicated; a different event under a stored seq is a CONFLICT. */
gboolean    gp_journal_append            (GpJournal   *self,
                                          GpEvent     *event,
                                          GError     **error);
/* Returns: (transfer full) (element-type GpEvent) (nullable): the events of
 * @session_id in seq order (empty for a session without events) */
GPtrArray  *gp_journal_load_events       (GpJournal   *self,
                                          const char  *session_id,
                                          GError     **error);
/* Returns: the highest stored seq of @session_id, 0 when none; G_MAXUINT64 on error */
guint64     gp_journal_get_last_seq      (GpJournal   *self,
                                          const char  *session_id,
                                          GError     **error);
/* Returns: (transfer full) (element-type GpJournalSession): sessions without an
 * "ended" event, newest first */
GPtrArray  *gp_journal_list_unfinished   (GpJournal   *self);
/* Returns: (transfer none) (nullable): the listed session with @session_id */
GpJournalSession *gp_journal_find_session (GpJournal  *self,
                                           const char *session_id);

G_END_DECLS
