/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <sqlite3.h>

#include "gp-test-utils.h"

/* Shared by the tests of sessions and their records, and the UI tests that fill a journal:
 * flows, a stepping clock, sessions in a journal, the journal's file behind its back. */

typedef struct {
  gint64 wall;
  gint64 mono;
} GpTestClock;

static inline void
gp_test_clock_tick (gpointer  user_data,
                    gint64   *wall_time_us,
                    gint64   *monotonic_us)
{
  GpTestClock *clock = user_data;

  clock->wall += G_USEC_PER_SEC;
  clock->mono += G_USEC_PER_SEC;
  *wall_time_us = clock->wall;
  *monotonic_us = clock->mono;
}

static inline GpFlow *
gp_test_load_flow_bytes (GBytes     *bytes,
                         const char *name)
{
  g_autoptr(GError) error = NULL;
  GpFlow *flow = gp_flow_load_bytes (bytes, name, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (flow);
  return flow;
}

/* base.json with edits: pairs of JSON pointer and JSON value, NULL-terminated. */
static inline GBytes *
gp_test_base_edited_bytes (const char *first_pointer,
                           ...)
{
  g_autoptr(GBytes) bytes = gp_test_read_fixture ("base.json");
  g_autoptr(JsonNode) root = gp_test_parse (bytes);
  va_list args;

  va_start (args, first_pointer);
  for (const char *pointer = first_pointer; pointer != NULL; pointer = va_arg (args, const char *))
    gp_test_edit (root, pointer, va_arg (args, const char *));
  va_end (args);
  return gp_test_serialize (root);
}

static inline GpFlow *
gp_test_load_bundled (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "flows", name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  GpFlow *flow = gp_flow_load_file (file, NULL, NULL, &error);

  g_assert_no_error (error);
  return flow;
}

/* A session whose @clock continues from its creation events, recorded with the real
 * clocks. */
static inline GpSession *
gp_test_new_session_full (GpFlow        *flow,
                          GpSessionMode  mode,
                          const char    *goal,
                          GpFamiliarity  familiarity,
                          const char    *problem,
                          GpEventSink   *sink,
                          GpTestClock   *clock)
{
  GpSession *session = gp_session_new (flow, mode, goal, familiarity, problem, sink);
  GListModel *events = gp_session_get_events (session);
  g_autoptr(GpEvent) entered = g_list_model_get_item (events, g_list_model_get_n_items (events) - 1);

  clock->wall = gp_event_get_wall_time (entered);
  clock->mono = gp_event_get_monotonic_time (entered);
  gp_session_set_clock (session, gp_test_clock_tick, clock);
  return session;
}

static inline GpSession *
gp_test_new_session (GpFlow        *flow,
                     GpSessionMode  mode,
                     const char    *goal,
                     GpEventSink   *sink,
                     GpTestClock   *clock)
{
  return gp_test_new_session_full (flow, mode, goal, GP_FAMILIARITY_NEW, "Sign in to check a statement",
                                   sink, clock);
}

/* $XDG_DATA_HOME/flows, created, with base.json in it as the user's flow "test-sign-in". */
static inline GFile *
gp_test_user_flows_with_base (void)
{
  g_autofree char *flows = g_build_filename (g_get_user_data_dir (), "flows", NULL);
  g_autofree char *base_copy = g_build_filename (flows, "test-sign-in.en-GB.json", NULL);
  g_autoptr(GBytes) bytes = gp_test_read_fixture ("base.json");

  g_assert_cmpint (g_mkdir_with_parents (flows, 0700), ==, 0);
  g_assert_true (g_file_set_contents (base_copy, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), NULL));
  return g_file_new_for_path (flows);
}

static inline char *
gp_test_journal_path (const char *name)
{
  g_assert_cmpint (g_mkdir_with_parents (g_get_user_data_dir (), 0700), ==, 0);
  return g_build_filename (g_get_user_data_dir (), name, NULL);
}

static inline GpJournal *
gp_test_open_journal (const char *path)
{
  g_autoptr(GError) error = NULL;
  GpJournal *journal = gp_journal_new_for_path (path, &error);

  g_assert_no_error (error);
  return journal;
}

/* Opens a journal in a new file of the user data folder, "@prefix-N.db" with N counting
 * up, so that every fixture of a test program has its own; sets *@path to the file. */
static inline GpJournal *
gp_test_open_fresh_journal (const char  *prefix,
                            char       **path)
{
  static guint counter;
  g_autofree char *name = g_strdup_printf ("%s-%u.db", prefix, counter++);

  *path = gp_test_journal_path (name);
  return gp_test_open_journal (*path);
}

/* Appends @events (of a session without a sink) to @journal, their wall times moved so
 * that the first is @start_us: a session stored as if it had started then. */
static inline void
gp_test_journal_append_moved (GpJournal  *journal,
                              GListModel *events,
                              gint64      start_us)
{
  g_autoptr(GpEvent) first = g_list_model_get_item (events, 0);
  gint64 shift = start_us - gp_event_get_wall_time (first);

  for (guint i = 0; i < g_list_model_get_n_items (events); i++)
    {
      g_autoptr(GpEvent) e = g_list_model_get_item (events, i);
      g_autoptr(GpEvent) moved = gp_event_new (gp_event_get_session_id (e), gp_event_get_seq (e),
                                               gp_event_get_event_type (e), gp_event_get_actor (e),
                                               gp_event_get_wall_time (e) + shift,
                                               gp_event_get_monotonic_time (e), gp_event_get_payload (e));
      g_autoptr(GError) error = NULL;

      g_assert_true (gp_journal_append (journal, moved, &error));
      g_assert_no_error (error);
    }
}

/* Runs @sql on the journal file at @path behind GpJournal's back: old schemas, damage. */
static inline void
gp_test_journal_exec (const char *path,
                      const char *sql)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

/* Damages the journal file at @path: the payload of event @seq of every session is no
 * longer JSON. */
static inline void
gp_test_journal_damage_event (const char *path,
                              guint       seq)
{
  g_autofree char *sql = g_strdup_printf ("UPDATE events SET payload = 'not json' WHERE seq = %u", seq);

  gp_test_journal_exec (path, sql);
}

/* Returns: (transfer full) (nullable): the first column of the first row @sql gives on
 * the journal file at @path, opened read-only */
static inline char *
gp_test_journal_query_text (const char *path,
                            const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  char *text = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    text = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return text;
}

/* Returns: (transfer full): what was written to @out, a GMemoryOutputStream, as a
 * string; @out is closed */
static inline char *
gp_test_memory_stream_steal_text (GOutputStream *out)
{
  g_assert_true (g_output_stream_write_all (out, "", 1, NULL, NULL, NULL));
  g_assert_true (g_output_stream_close (out, NULL, NULL));
  return g_memory_output_stream_steal_data (G_MEMORY_OUTPUT_STREAM (out));
}

#define gp_assert_ok(call) G_STMT_START { \
    g_autoptr(GError) _error = NULL; \
    gboolean _ok = (call); \
    g_assert_no_error (_error); \
    g_assert_true (_ok); \
  } G_STMT_END
#define E (&_error)
