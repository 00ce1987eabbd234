/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <errno.h>
#include <glib/gstdio.h>
#include <unistd.h>

#include <guidepost/gp-journal.h>

#include "gp-journal-private.h"

/* The journal's file format: the schema, its migrations, and SQLite's result codes in
 * GP_JOURNAL_ERROR terms. */

G_DEFINE_QUARK (gp-journal-error-quark, gp_journal_error)

/* Index i holds the step from schema version i to i + 1; each runs in one transaction. */
static const char *const migrations[] = {
  /* 1: sessions and their events; (session_id, seq) is the key, so an event is never stored twice */
  "CREATE TABLE sessions ("
  "  id TEXT PRIMARY KEY NOT NULL,"
  "  flow_id TEXT NOT NULL,"
  "  flow_version TEXT NOT NULL,"
  "  mode TEXT NOT NULL);"
  "CREATE TABLE events ("
  "  session_id TEXT NOT NULL REFERENCES sessions (id),"
  "  seq INTEGER NOT NULL CHECK (seq >= 1),"
  "  type TEXT NOT NULL,"
  "  actor TEXT NOT NULL,"
  "  wall_us INTEGER NOT NULL,"
  "  mono_us INTEGER NOT NULL,"
  "  payload TEXT NOT NULL,"
  "  PRIMARY KEY (session_id, seq)) WITHOUT ROWID;",
  /* 2: when a session was begun (listing newest first without reading events), and a
   * partial index that finds ended sessions without scanning their events */
  "ALTER TABLE sessions ADD COLUMN created_us INTEGER NOT NULL DEFAULT 0;"
  "UPDATE sessions SET created_us = COALESCE ("
  "  (SELECT wall_us FROM events WHERE session_id = sessions.id AND seq = 1), 0);"
  "CREATE INDEX sessions_by_created ON sessions (created_us);"
  "CREATE INDEX events_ended ON events (session_id) WHERE type = 'ended';",
  /* 3: self-service hand-off codes (gp-handoff.c); a code names one session */
  "CREATE TABLE handoffs ("
  "  code TEXT PRIMARY KEY NOT NULL,"
  "  session_id TEXT NOT NULL REFERENCES sessions (id),"
  "  created_us INTEGER NOT NULL);"
  "CREATE INDEX handoffs_by_session ON handoffs (session_id);",
};

G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == GP_JOURNAL_SCHEMA_VERSION);

static GpJournalError
error_code_for (sqlite3    *db,
                const char *path,
                int         rc)
{
  switch (rc & 0xff)
    {
    case SQLITE_FULL:
      return GP_JOURNAL_ERROR_FULL;
    case SQLITE_READONLY:
    case SQLITE_PERM:
      return GP_JOURNAL_ERROR_READ_ONLY;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return GP_JOURNAL_ERROR_LOCKED;
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      return GP_JOURNAL_ERROR_CORRUPT;
    case SQLITE_CANTOPEN:
      {
        g_autofree char *folder = g_path_get_dirname (path);
        int system_errno = db != NULL ? sqlite3_system_errno (db) : 0;

        /* SQLite says "unable to open" also when the folder refuses the -wal file. */
        if (system_errno == EACCES || system_errno == EPERM || system_errno == EROFS)
          return GP_JOURNAL_ERROR_READ_ONLY;
        if (system_errno == ENOSPC)
          return GP_JOURNAL_ERROR_FULL;
        if ((g_access (folder, W_OK) != 0 && (errno == EACCES || errno == EROFS)) ||
            (g_access (path, W_OK) != 0 && (errno == EACCES || errno == EROFS)))
          return GP_JOURNAL_ERROR_READ_ONLY;
        return GP_JOURNAL_ERROR_IO;
      }
    case SQLITE_IOERR:
      return GP_JOURNAL_ERROR_IO;
    default:
      return GP_JOURNAL_ERROR_FAILED;
    }
}

static const char *
describe_code (GpJournalError code)
{
  switch (code)
    {
    case GP_JOURNAL_ERROR_FULL:      return "the disk is full";
    case GP_JOURNAL_ERROR_READ_ONLY: return "the file or its folder is read-only";
    case GP_JOURNAL_ERROR_LOCKED:    return "another program holds the journal locked";
    case GP_JOURNAL_ERROR_CORRUPT:   return "the file is not a journal or is damaged";
    case GP_JOURNAL_ERROR_IO:        return "input/output error";
    case GP_JOURNAL_ERROR_TOO_NEW:
    case GP_JOURNAL_ERROR_UNKNOWN_SESSION:
    case GP_JOURNAL_ERROR_OUT_OF_ORDER:
    case GP_JOURNAL_ERROR_CONFLICT:
    case GP_JOURNAL_ERROR_FAILED:
    default:
      return "SQLite error";
    }
}

gboolean
gp_journal_set_sqlite_error (sqlite3     *db,
                             const char  *path,
                             GError     **error,
                             int          rc,
                             const char  *format,
                             ...)
{
  GpJournalError code = error_code_for (db, path, rc);
  g_autofree char *what = NULL;
  va_list args;

  va_start (args, format);
  what = g_strdup_vprintf (format, args);
  va_end (args);

  g_set_error (error, GP_JOURNAL_ERROR, code,
               "Journal %s: could not %s: %s (%s)",
               path, what, describe_code (code),
               db != NULL && sqlite3_extended_errcode (db) == rc ? sqlite3_errmsg (db) : sqlite3_errstr (rc));
  return FALSE;
}

gboolean
gp_journal_exec (sqlite3     *db,
                 const char  *path,
                 const char  *sql,
                 const char  *what,
                 GError     **error)
{
  int rc = sqlite3_exec (db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    return gp_journal_set_sqlite_error (db, path, error, rc, "%s", what);
  return TRUE;
}

gint64
gp_journal_query_int (sqlite3     *db,
                      const char  *path,
                      const char  *sql,
                      const char  *what,
                      GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value = -1;
  int rc;

  rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          value = sqlite3_column_int64 (stmt, 0);
          rc = SQLITE_OK;
        }
    }
  if (rc != SQLITE_OK)
    gp_journal_set_sqlite_error (db, path, error, rc, "%s", what);
  sqlite3_finalize (stmt);
  return value;
}

gboolean
gp_journal_migrate (sqlite3     *db,
                    const char  *path,
                    GError     **error)
{
  gint64 version = gp_journal_query_int (db, path, "PRAGMA user_version", "read the schema version", error);
  g_autofree char *set_version = NULL;

  if (version < 0)
    return FALSE;
  if (version == GP_JOURNAL_SCHEMA_VERSION)
    return TRUE;

  if (!gp_journal_exec (db, path, "BEGIN IMMEDIATE", "start the schema upgrade", error))
    return FALSE;

  /* Read again under the write lock: another process may have upgraded meanwhile. */
  version = gp_journal_query_int (db, path, "PRAGMA user_version", "read the schema version", error);
  if (version < 0)
    goto failed;
  if (version > GP_JOURNAL_SCHEMA_VERSION)
    {
      g_set_error (error, GP_JOURNAL_ERROR, GP_JOURNAL_ERROR_TOO_NEW,
                   "Journal %s: schema version %" G_GINT64_FORMAT " is newer than this Guidepost knows (%d)",
                   path, version, GP_JOURNAL_SCHEMA_VERSION);
      goto failed;
    }

  for (gint64 v = version; v < GP_JOURNAL_SCHEMA_VERSION; v++)
    {
      g_autofree char *what = g_strdup_printf ("upgrade the schema from version %" G_GINT64_FORMAT, v);

      if (!gp_journal_exec (db, path, migrations[v], what, error))
        goto failed;
    }

  set_version = g_strdup_printf ("PRAGMA user_version = %d", GP_JOURNAL_SCHEMA_VERSION);
  if (!gp_journal_exec (db, path, set_version, "record the schema version", error) ||
      !gp_journal_exec (db, path, "COMMIT", "commit the schema upgrade", error))
    goto failed;

  if (version > 0)
    g_debug ("Journal %s: upgraded schema from version %" G_GINT64_FORMAT " to %d",
             path, version, GP_JOURNAL_SCHEMA_VERSION);
  return TRUE;

failed:
  sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
  return FALSE;
}
