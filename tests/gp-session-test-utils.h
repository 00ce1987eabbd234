/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once


#include "gp-test-utils.h"

/* Shared by the tests of sessions and their records, and the UI tests that fill a journal:
 * flows, a stepping clock, sessions in a journal. */

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

static inline GpSession *
gp_test_new_session (GpFlow        *flow,
                     GpSessionMode  mode,
                     const char    *goal,
                     GpEventSink   *sink,
                     GpTestClock   *clock)
{
  GpSession *session = gp_session_new (flow, mode, goal, GP_FAMILIARITY_NEW, "Sign in to check a statement", sink);
  GListModel *events = gp_session_get_events (session);
  g_autoptr(GpEvent) entered = g_list_model_get_item (events, g_list_model_get_n_items (events) - 1);

  clock->wall = gp_event_get_wall_time (entered);
  clock->mono = gp_event_get_monotonic_time (entered);
  gp_session_set_clock (session, gp_test_clock_tick, clock);
  return session;
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

#define gp_assert_ok(call) G_STMT_START { \
    g_autoptr(GError) _error = NULL; \
    gboolean _ok = (call); \
    g_assert_no_error (_error); \
    g_assert_true (_ok); \
  } G_STMT_END
#define E (&_error)
