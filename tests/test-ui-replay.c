/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The replay window: opened from the sessions window on a journal session, stepping,
 * seeking by row, playing to the end without waiting, a read-only step view, and
 * screenshots wide, at 360 px and dark. */
#include <string.h>
#include <adwaita.h>
#include <guidepost/guidepost.h>

#include "gp-application.h"
#include "gp-replay-window.h"
#include "gp-sessions-window.h"
#include "gp-step-view.h"
#include "gp-session-test-utils.h"
#include "gp-test-ui.h"

#define BUNDLED_FLOWS RESOURCE_BASE "/flows"
#define BANK_FLOW_ID "regain-online-banking"
#define NARROW_WIDTH 360

static GpApplication *app;

static const char * const test_languages[] = { "en_GB", "en", "C", NULL };

typedef struct {
  gint64 wall;
  gint64 mono;
  guint  tick;
} Clock;

/* 20 s between actions, and once a coffee break of 9 minutes (a gap a replay shortens). */
static void
clock_tick (gpointer  user_data,
            gint64   *wall_time_us,
            gint64   *monotonic_us)
{
  Clock *clock = user_data;
  gint64 gap = ++clock->tick == 14 ? 9 * 60 * G_USEC_PER_SEC : 20 * G_USEC_PER_SEC;

  clock->wall += gap;
  clock->mono += gap;
  *wall_time_us = clock->wall;
  *monotonic_us = clock->mono;
}

typedef struct {
  GpFlowLibrary  *library;
  GpJournal      *journal;
  char           *session_id;
  guint           n_events;
  GtkWidget      *sessions;
  GpReplayWindow *window;
  GpSessionReplay *replay;
} Fixture;

/* A finished bank session: hints, a system failure and its recovery (after which offers
 * are not made), a driver change, a note, satisfaction. */
static void
record_session (Fixture *f)
{
  GpFlow *bank = gp_flow_library_lookup (f->library, BANK_FLOW_ID);
  g_autoptr(GpSession) session = NULL;
  g_autoptr(GpEvent) last = NULL;
  GListModel *events;
  Clock clock = { 0 };

  g_assert_nonnull (bank);
  session = gp_session_new (bank, GP_SESSION_MODE_ASSISTED, "forgot my password", GP_FAMILIARITY_NEW,
                            "Get back into online banking", GP_EVENT_SINK (f->journal));
  events = gp_session_get_events (session);
  last = g_list_model_get_item (events, g_list_model_get_n_items (events) - 1);
  clock.wall = gp_event_get_wall_time (last);
  clock.mono = gp_event_get_monotonic_time (last);
  gp_session_set_clock (session, clock_tick, &clock);

  gp_assert_ok (gp_session_reveal_hint (session, GP_ACTOR_CUSTOMER, E));
  gp_assert_ok (gp_session_next (session, GP_ACTOR_CUSTOMER, E));
  gp_assert_ok (gp_session_choose (session, GP_ACTOR_CUSTOMER, 0, E));
  for (guint i = 0; i < 4; i++)
    gp_assert_ok (gp_session_pass_check (session, GP_ACTOR_AGENT, i, E));
  gp_assert_ok (gp_session_next (session, GP_ACTOR_CUSTOMER, E));
  gp_assert_ok (gp_session_next (session, GP_ACTOR_CUSTOMER, E));
  gp_assert_ok (gp_session_report_failure (session, GP_ACTOR_AGENT, "code-not-arrived", E));
  gp_assert_ok (gp_session_take_recovery (session, GP_ACTOR_AGENT, E));
  gp_assert_ok (gp_session_add_note (session, GP_ACTOR_AGENT, "Second code sent; the first never came", E));
  while (g_strcmp0 (gp_step_get_id (gp_session_get_current_step (session)), "set-password") != 0)
    gp_assert_ok (gp_session_next (session, GP_ACTOR_CUSTOMER, E));
  gp_assert_ok (gp_session_reveal_hint (session, GP_ACTOR_CUSTOMER, E));
  gp_assert_ok (gp_session_reveal_hint (session, GP_ACTOR_CUSTOMER, E));
  gp_assert_ok (gp_session_change_driver (session, GP_ACTOR_CUSTOMER, GP_ACTOR_AGENT, E));
  gp_assert_ok (gp_session_next (session, GP_ACTOR_AGENT, E));
  while (gp_step_get_kind (gp_session_get_current_step (session)) != GP_STEP_KIND_END)
    gp_assert_ok (gp_session_next (session, GP_ACTOR_AGENT, E));
  gp_assert_ok (gp_session_record_satisfaction (session, GP_ACTOR_CUSTOMER, 4, NULL, E));
  gp_assert_ok (gp_session_end (session, GP_ACTOR_AGENT, GP_OUTCOME_COMPLETED, E));
  g_assert_cmpuint (gp_session_get_n_unsaved_events (session), ==, 0);

  f->session_id = g_strdup (gp_session_get_id (session));
  f->n_events = gp_session_get_n_events (session);
}

static void
setup (Fixture       *f,
       gconstpointer  data)
{
  g_autofree char *path = gp_test_journal_path ("journal-replay.db");

  f->library = gp_flow_library_new_for_sources (BUNDLED_FLOWS, NULL);
  gp_flow_library_set_languages (f->library, test_languages);
  f->journal = gp_test_open_journal (path);
  record_session (f);
}

static void
teardown (Fixture       *f,
          gconstpointer  data)
{
  if (f->window != NULL)
    gp_test_destroy_and_wait (GTK_WIDGET (f->window));
  if (f->sessions != NULL)
    gp_test_destroy_and_wait (f->sessions);
  g_clear_object (&f->replay);
  g_assert_finalize_object (f->library);
  g_assert_finalize_object (f->journal);
  g_free (f->session_id);
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);
}

static gpointer
child (Fixture    *f,
       const char *name)
{
  return gp_test_child (f->window, GP_TYPE_REPLAY_WINDOW, name);
}

/* The first widget under @widget that is a button for @action_name (any target). */
static GtkWidget *
find_actionable (GtkWidget  *widget,
                 const char *action_name)
{
  if (GTK_IS_ACTIONABLE (widget) &&
      g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), action_name) == 0)
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_actionable (c, action_name);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Every "session.*" button of the step view leads nowhere: nothing can record. */
static guint
check_read_only (GtkWidget *widget)
{
  guint n = 0;

  if (GTK_IS_ACTIONABLE (widget))
    {
      const char *name = gtk_actionable_get_action_name (GTK_ACTIONABLE (widget));

      if (name != NULL)
        {
          g_assert_true (g_str_has_prefix (name, "session."));
          g_assert_false (gtk_widget_get_sensitive (widget) && gtk_widget_is_sensitive (widget));
          n++;
        }
    }
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    n += check_read_only (c);
  return n;
}

static void
open_from_sessions_window (Fixture *f,
                           int      width)
{
  GtkListBox *list;
  GtkWidget *button;
  GVariant *target;

  f->sessions = gp_sessions_window_new (f->journal, f->library, NULL);
  gtk_window_present (GTK_WINDOW (f->sessions));
  g_assert_true (gp_test_wait_for_draw (f->sessions, GP_TEST_WATCHDOG_MS));

  list = GTK_LIST_BOX (gtk_widget_get_template_child (f->sessions, GP_TYPE_SESSIONS_WINDOW, "session_list"));
  button = find_actionable (GTK_WIDGET (gtk_list_box_get_row_at_index (list, 0)), "sessions.replay");
  g_assert_nonnull (button);
  target = gtk_actionable_get_action_target_value (GTK_ACTIONABLE (button));
  g_assert_cmpstr (g_variant_get_string (target, NULL), ==, f->session_id);
  g_assert_cmpstr (gtk_widget_get_tooltip_text (button), ==, "Replay");
  g_signal_emit_by_name (button, "clicked");

  f->window = GP_REPLAY_WINDOW (gp_test_wait_for_toplevel (GP_TYPE_REPLAY_WINDOW));
  f->replay = g_object_ref (gp_replay_window_get_replay (f->window));
  if (width > 0)
    gtk_window_set_default_size (GTK_WINDOW (f->window), width, 720);
  g_assert_true (gp_test_wait_for_draw (GTK_WIDGET (f->window), GP_TEST_WATCHDOG_MS));
}

static void
activate (Fixture    *f,
          const char *action)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), action, NULL));
}

/* The row shown as the current event (the list's own selection is off). */
static guint
selected_index (Fixture *f)
{
  GtkListBox *list = child (f, "timeline_list");
  GtkListBoxRow *row;
  guint found = G_MAXUINT;

  for (int i = 0; (row = gtk_list_box_get_row_at_index (list, i)) != NULL; i++)
    if (gtk_widget_get_state_flags (GTK_WIDGET (row)) & GTK_STATE_FLAG_SELECTED)
      {
        g_assert_cmpuint (found, ==, G_MAXUINT);
        found = (guint) i;
      }
  return found;
}

static gboolean
stopped_at_end (gpointer user_data)
{
  Fixture *f = user_data;

  return !gp_session_replay_get_playing (f->replay) &&
         gp_session_replay_get_position (f->replay) == f->n_events;
}

static void
test_replay (Fixture       *f,
             gconstpointer  data)
{
  GtkListBox *list;
  GtkListBoxRow *row;
  GpSession *session;
  guint64 stored = gp_journal_get_last_seq (f->journal, f->session_id, NULL);

  open_from_sessions_window (f, 0);
  list = child (f, "timeline_list");

  /* The whole timeline, nothing applied yet. */
  g_assert_nonnull (gtk_list_box_get_row_at_index (list, (int) f->n_events - 1));
  g_assert_null (gtk_list_box_get_row_at_index (list, (int) f->n_events));
  g_assert_cmpuint (gp_session_replay_get_position (f->replay), ==, 0);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (child (f, "state_stack")), ==, "before");
  g_assert_cmpuint (selected_index (f), ==, G_MAXUINT);

  /* Next, next, next: the step appears, the current event is selected. */
  activate (f, "replay.next");
  activate (f, "replay.next");
  activate (f, "replay.next");
  g_assert_cmpuint (gp_session_replay_get_position (f->replay), ==, 3);
  g_assert_cmpuint (selected_index (f), ==, 2);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (child (f, "state_stack")), ==, "step");
  activate (f, "replay.previous");
  g_assert_cmpuint (gp_session_replay_get_position (f->replay), ==, 2);
  g_assert_cmpuint (selected_index (f), ==, 1);

  /* The end shows the outcome; the start nothing. */
  activate (f, "replay.end");
  g_assert_cmpuint (gp_session_replay_get_position (f->replay), ==, f->n_events);
  g_assert_true (gtk_widget_get_visible (child (f, "outcome_label")));
  g_assert_cmpstr (gtk_label_get_label (child (f, "outcome_label")), ==, "Ended: completed");
  g_assert_false (gtk_widget_get_sensitive (find_actionable (GTK_WIDGET (f->window), "replay.next")));
  activate (f, "replay.start");
  g_assert_cmpuint (gp_session_replay_get_position (f->replay), ==, 0);
  g_assert_false (gtk_widget_get_sensitive (find_actionable (GTK_WIDGET (f->window), "replay.previous")));

  /* Activating a row seeks to just after its event. */
  row = gtk_list_box_get_row_at_index (list, 20);
  g_signal_emit_by_name (list, "row-activated", row);
  g_assert_cmpuint (gp_session_replay_get_position (f->replay), ==, 21);
  g_assert_cmpuint (selected_index (f), ==, 20);
  g_signal_emit_by_name (list, "row-activated", gtk_list_box_get_row_at_index (list, 5));
  g_assert_cmpuint (gp_session_replay_get_position (f->replay), ==, 6);
  g_assert_cmpuint (selected_index (f), ==, 5);

  /* The step view shows the replayed session and can change nothing. */
  session = gp_session_replay_get_session (f->replay);
  g_assert_nonnull (session);
  g_assert_null (gp_session_get_sink (session));
  g_assert_cmpuint (check_read_only (GTK_WIDGET (child (f, "step_view"))), >, 0);
  g_assert_false (gtk_widget_activate_action (GTK_WIDGET (child (f, "step_view")), "session.next", NULL));
  g_assert_false (gtk_widget_activate_action (GTK_WIDGET (child (f, "step_view")), "session.hint", NULL));
  g_assert_cmpuint (gp_session_get_n_events (session), ==, 6);

  /* The hints on "Choose a new password": the screenshot. */
  for (guint i = 0; i < f->n_events; i++)
    {
      g_autoptr(GpEvent) event = g_list_model_get_item (gp_session_replay_get_events (f->replay), i);

      if (gp_event_get_event_type (event) == GP_EVENT_HINT_REVEALED &&
          json_object_get_int_member (gp_event_get_payload (event), "level") == 2)
        {
          g_signal_emit_by_name (list, "row-activated", gtk_list_box_get_row_at_index (list, (int) i));
          break;
        }
    }
  g_assert_cmpstr (gp_step_get_id (gp_session_get_current_step (gp_session_replay_get_session (f->replay))),
                   ==, "set-password");
  gp_test_save_png (GTK_WIDGET (f->window), "ui-replay.png");

  /* Playing at 1×, the 20 s wait before the next event is shortened, and it says so. */
  gtk_drop_down_set_selected (child (f, "speed_dropdown"), 1);
  activate (f, "replay.play-pause");
  g_assert_nonnull (strstr (gtk_label_get_label (child (f, "event_label")), "gap shortened"));
  g_assert_cmpint (gp_session_replay_get_scheduled_delay (f->replay), ==, 5000);
  activate (f, "replay.play-pause");
  g_assert_false (gp_session_replay_get_playing (f->replay));
  g_assert_null (strstr (gtk_label_get_label (child (f, "event_label")), "gap shortened"));

  /* Play to the end without waiting, from the speed dropdown. */
  gtk_drop_down_set_selected (child (f, "speed_dropdown"), 5);
  g_assert_cmpint (gp_session_replay_get_speed (f->replay), ==, GP_REPLAY_SPEED_NO_WAITING);
  activate (f, "replay.start");
  activate (f, "replay.play-pause");
  g_assert_true (gp_session_replay_get_playing (f->replay));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (child (f, "play_button")), ==, "Pause (Space)");
  g_assert_true (gp_test_wait_until (stopped_at_end, f, GP_TEST_WATCHDOG_MS));
  g_assert_cmpuint (selected_index (f), ==, f->n_events - 1);
  g_assert_cmpstr (gtk_widget_get_tooltip_text (child (f, "play_button")), ==, "Play (Space)");
  g_assert_true (gtk_widget_get_visible (child (f, "outcome_label")));

  /* Nothing reached the journal. */
  g_assert_cmpuint (gp_journal_get_last_seq (f->journal, f->session_id, NULL), ==, stored);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->journal)), ==, 1);
}

static void
open_directly (Fixture *f,
               int      width)
{
  g_autoptr(GError) error = NULL;

  f->replay = gp_session_replay_new_from_journal (f->journal, f->session_id, f->library, &error);
  g_assert_no_error (error);
  f->window = GP_REPLAY_WINDOW (gp_replay_window_new (f->replay));
  gtk_window_set_default_size (GTK_WINDOW (f->window), width, 720);
  gtk_window_present (GTK_WINDOW (f->window));
  g_assert_true (gp_test_wait_for_draw (GTK_WIDGET (f->window), GP_TEST_WATCHDOG_MS));
}

static void
test_narrow (Fixture       *f,
             gconstpointer  data)
{
  AdwLeaflet *leaflet;
  GtkListBox *list;

  open_directly (f, NARROW_WIDTH);
  leaflet = child (f, "leaflet");
  list = child (f, "timeline_list");
  g_assert_true (adw_leaflet_get_folded (leaflet));

  /* Folded: the state shows; the timeline is one press away, and a row brings it back. */
  gp_session_replay_seek (f->replay, 12);
  g_assert_true (adw_leaflet_get_visible_child (leaflet) == child (f, "state_page"));
  g_assert_true (gtk_widget_get_visible (child (f, "back_button")));
  gp_test_save_png (GTK_WIDGET (f->window), "ui-replay-360.png");

  activate (f, "replay.show-timeline");
  g_assert_true (adw_leaflet_get_visible_child (leaflet) == child (f, "timeline_page"));
  g_signal_emit_by_name (list, "row-activated", gtk_list_box_get_row_at_index (list, 15));
  g_assert_cmpuint (gp_session_replay_get_position (f->replay), ==, 16);
  g_assert_true (adw_leaflet_get_visible_child (leaflet) == child (f, "state_page"));

  /* Nothing is wider than the window. */
  {
    int minimum;

    gtk_widget_measure (GTK_WIDGET (f->window), GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
    g_assert_cmpint (minimum, <=, NARROW_WIDTH);
  }
}

static void
test_dark (Fixture       *f,
           gconstpointer  data)
{
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
  open_directly (f, 1000);
  gp_session_replay_seek (f->replay, f->n_events);
  gp_test_save_png (GTK_WIDGET (f->window), "ui-replay-dark.png");
}

int
main (int   argc,
      char *argv[])
{
  int status;

  gp_test_init_gtk (&argc, &argv);
  app = gp_test_application_new ("io.guidepost.Guidepost.UiReplayTest");

  g_test_add ("/guidepost/ui/replay/from-sessions-window", Fixture, NULL, setup, test_replay, teardown);
  g_test_add ("/guidepost/ui/replay/narrow", Fixture, NULL, setup, test_narrow, teardown);
  g_test_add ("/guidepost/ui/replay/dark", Fixture, NULL, setup, test_dark, teardown);

  status = g_test_run ();

  g_clear_object (&app);
  return status;
}
