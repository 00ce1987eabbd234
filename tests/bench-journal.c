/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <stdlib.h>
#include <string.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include <guidepost/guidepost.h>
#include <guidepost/gp-session.h>

/* Recording through the engine into the journal, against a bare SQLite insert loop of
 * the same rows with the same durability (WAL, synchronous=FULL, one transaction per
 * row), measured side by side in one run; then resuming a 10,000-event session
 * (issue 3, point 7).  Usage: bench-journal [N_EVENTS] */

#define DEFAULT_EVENTS 100000
#define N_CHUNKS 10
#define RESUME_EVENTS 10000
#define RESUME_RUNS 7

typedef struct
{
  char   *session_id;
  guint64 seq;
  char   *type;
  char   *actor;
  gint64  wall_us;
  gint64  mono_us;
  char   *payload;
} Row;

static void
row_free (gpointer data)
{
  Row *row = data;

  g_free (row->session_id);
  g_free (row->type);
  g_free (row->actor);
  g_free (row->payload);
  g_free (row);
}

static GpFlow *
load_flow (void)
{
  const char *root = g_getenv ("GUIDEPOST_SOURCE_ROOT");
  g_autofree char *path = g_build_filename (root != NULL ? root : ".", "flows",
                                            "submit-meter-reading.en-GB.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  GpFlow *flow = gp_flow_load_file (file, NULL, NULL, &error);

  if (flow == NULL)
    g_error ("%s", error->message);
  return flow;
}

static GpSession *
new_session (GpFlow    *flow,
             GpJournal *journal)
{
  return gp_session_new (flow, GP_SESSION_MODE_ASSISTED, "send my meter reading",
                         GP_FAMILIARITY_FAMILIAR, "the page will not accept the reading",
                         GP_EVENT_SINK (journal));
}

/* Records @n notes, the most frequent event with free text. */
static void
record_notes (GpSession *session,
              guint      n)
{
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GError) error = NULL;
      char text[64];

      g_snprintf (text, sizeof text, "customer read out digit group %u", i);
      if (!gp_session_add_note (session, i % 2 ? GP_ACTOR_AGENT : GP_ACTOR_CUSTOMER, text, &error))
        g_error ("%s", error->message);
    }
  if (gp_session_get_n_unsaved_events (session) != 0)
    g_error ("%u events were not saved", gp_session_get_n_unsaved_events (session));
}

static sqlite3 *
open_bare (const char *path)
{
  sqlite3 *db = NULL;

  if (sqlite3_open (path, &db) != SQLITE_OK ||
      sqlite3_exec (db,
                    "PRAGMA journal_mode = WAL;"
                    "PRAGMA synchronous = FULL;"
                    "CREATE TABLE events ("
                    "  session_id TEXT NOT NULL, seq INTEGER NOT NULL, type TEXT NOT NULL,"
                    "  actor TEXT NOT NULL, wall_us INTEGER NOT NULL, mono_us INTEGER NOT NULL,"
                    "  payload TEXT NOT NULL, PRIMARY KEY (session_id, seq)) WITHOUT ROWID;",
                    NULL, NULL, NULL) != SQLITE_OK)
    g_error ("bare database %s: %s", path, sqlite3_errmsg (db));
  return db;
}

/* The rows the journal wrote, read back (not timed) for the bare loop to insert. */
static GPtrArray *
read_rows (const char *path,
           const char *session_id,
           guint64     from_seq,
           guint64     to_seq)
{
  GPtrArray *rows = g_ptr_array_new_with_free_func (row_free);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL);
  if (sqlite3_prepare_v2 (db,
                          "SELECT session_id, seq, type, actor, wall_us, mono_us, payload FROM events"
                          " WHERE session_id = ?3 AND seq BETWEEN ?1 AND ?2 ORDER BY seq", -1, &stmt, NULL) != SQLITE_OK)
    g_error ("%s", sqlite3_errmsg (db));
  sqlite3_bind_int64 (stmt, 1, (sqlite3_int64) from_seq);
  sqlite3_bind_int64 (stmt, 2, (sqlite3_int64) to_seq);
  sqlite3_bind_text (stmt, 3, session_id, -1, SQLITE_STATIC);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      Row *row = g_new0 (Row, 1);

      row->session_id = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      row->seq = (guint64) sqlite3_column_int64 (stmt, 1);
      row->type = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      row->actor = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
      row->wall_us = sqlite3_column_int64 (stmt, 4);
      row->mono_us = sqlite3_column_int64 (stmt, 5);
      row->payload = g_strdup ((const char *) sqlite3_column_text (stmt, 6));
      g_ptr_array_add (rows, row);
    }
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return rows;
}

static void
insert_bare (sqlite3   *db,
             GPtrArray *rows)
{
  sqlite3_stmt *stmt = NULL;

  sqlite3_prepare_v2 (db, "INSERT INTO events VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)", -1, &stmt, NULL);
  for (guint i = 0; i < rows->len; i++)
    {
      Row *row = g_ptr_array_index (rows, i);

      sqlite3_bind_text (stmt, 1, row->session_id, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 2, (sqlite3_int64) row->seq);
      sqlite3_bind_text (stmt, 3, row->type, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 4, row->actor, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 5, row->wall_us);
      sqlite3_bind_int64 (stmt, 6, row->mono_us);
      sqlite3_bind_text (stmt, 7, row->payload, -1, SQLITE_STATIC);
      if (sqlite3_step (stmt) != SQLITE_DONE)
        g_error ("bare insert: %s", sqlite3_errmsg (db));
      sqlite3_reset (stmt);
    }
  sqlite3_finalize (stmt);
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *dir = NULL;
  g_autofree char *journal_path = NULL;
  g_autofree char *bare_path = NULL;
  g_autofree char *resume_path = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GpFlow) flow = NULL;
  g_autoptr(GpJournal) journal = NULL;
  g_autoptr(GpSession) session = NULL;
  g_autofree char *session_id = NULL;
  guint n_events = argc > 1 ? (guint) atoi (argv[1]) : DEFAULT_EVENTS;
  guint chunk;
  double journal_s = 0, bare_s = 0;
  double resume_ms[RESUME_RUNS], load_ms[RESUME_RUNS], rebuild_ms[RESUME_RUNS];
  guint64 seq = 0;
  sqlite3 *bare;

  if (n_events < N_CHUNKS * 10)
    n_events = N_CHUNKS * 10;
  chunk = n_events / N_CHUNKS;
  n_events = chunk * N_CHUNKS;

  dir = g_dir_make_tmp ("bench-journal-XXXXXX", &error);
  g_assert_no_error (error);
  journal_path = g_build_filename (dir, "journal.db", NULL);
  bare_path = g_build_filename (dir, "bare.db", NULL);
  resume_path = g_build_filename (dir, "resume.db", NULL);
  flow = load_flow ();

  journal = gp_journal_new_for_path (journal_path, &error);
  g_assert_no_error (error);
  bare = open_bare (bare_path);

  /* Alternate chunks, so both see the same disk conditions over the run. */
  session = new_session (flow, journal);
  session_id = g_strdup (gp_session_get_id (session));
  seq = gp_session_get_n_events (session);
  {
    g_autoptr(GPtrArray) rows = read_rows (journal_path, session_id, 1, seq);
    insert_bare (bare, rows);
  }
  for (guint c = 0; c < N_CHUNKS; c++)
    {
      g_autoptr(GPtrArray) rows = NULL;
      gint64 start = g_get_monotonic_time ();

      record_notes (session, chunk);
      journal_s += (g_get_monotonic_time () - start) / 1e6;

      rows = read_rows (journal_path, session_id, seq + 1, seq + chunk);
      g_assert_cmpuint (rows->len, ==, chunk);
      seq += chunk;

      start = g_get_monotonic_time ();
      insert_bare (bare, rows);
      bare_s += (g_get_monotonic_time () - start) / 1e6;
    }
  sqlite3_close (bare);

  g_print ("events: %u through GpSession (add-note) into GpJournal (WAL, synchronous=FULL, one commit each)\n",
           n_events);
  g_print ("journal: %.2f s, %.0f events/s\n", journal_s, n_events / journal_s);
  g_print ("bare sqlite: %.2f s, %.0f events/s (same rows, same durability)\n", bare_s, n_events / bare_s);
  g_print ("journal ratio: %.2f\n", journal_s / bare_s);
  g_clear_object (&session);
  g_clear_object (&journal);

  /* Resume: load the events of a 10,000-event session and rebuild its state. */
  journal = gp_journal_new_for_path (resume_path, &error);
  g_assert_no_error (error);
  session = new_session (flow, journal);
  record_notes (session, RESUME_EVENTS - gp_session_get_n_events (session));
  g_assert_cmpuint (gp_session_get_n_events (session), ==, RESUME_EVENTS);
  g_free (session_id);
  session_id = g_strdup (gp_session_get_id (session));
  g_clear_object (&session);
  g_clear_object (&journal);

  for (guint run = 0; run < RESUME_RUNS; run++)
    {
      g_autoptr(GpJournal) reopened = NULL;
      g_autoptr(GPtrArray) events = NULL;
      g_autoptr(GpSession) resumed = NULL;
      gint64 start = g_get_monotonic_time ();

      reopened = gp_journal_new_for_path (resume_path, &error);
      g_assert_no_error (error);
      events = gp_journal_load_events (reopened, session_id, &error);
      g_assert_no_error (error);
      load_ms[run] = (g_get_monotonic_time () - start) / 1e3;
      resumed = gp_session_new_from_events (flow, events, &error);
      g_assert_no_error (error);
      resume_ms[run] = (g_get_monotonic_time () - start) / 1e3;
      rebuild_ms[run] = resume_ms[run] - load_ms[run];
      g_assert_cmpuint (gp_session_get_n_events (resumed), ==, RESUME_EVENTS);
    }
  qsort (resume_ms, RESUME_RUNS, sizeof (double), compare_doubles);
  qsort (load_ms, RESUME_RUNS, sizeof (double), compare_doubles);
  qsort (rebuild_ms, RESUME_RUNS, sizeof (double), compare_doubles);
  g_print ("resume parts: open + load events %.1f ms, gp_session_new_from_events %.1f ms (medians)\n",
           load_ms[RESUME_RUNS / 2], rebuild_ms[RESUME_RUNS / 2]);
  g_print ("resume: %u events, open journal + load events + rebuild session, median of %u (min %.1f, max %.1f)\n",
           RESUME_EVENTS, RESUME_RUNS, resume_ms[0], resume_ms[RESUME_RUNS - 1]);
  g_print ("resume ms: %.1f\n", resume_ms[RESUME_RUNS / 2]);

  g_remove (journal_path);
  g_remove (bare_path);
  g_remove (resume_path);
  g_rmdir (dir);
  return 0;
}
