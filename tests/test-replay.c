/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Replay for debriefs: the state at every position equals the live session's after
 * the same event, playing waits the recorded gaps scaled by the speed, pause-at, and a
 * replay writes nothing anywhere. */
#include <math.h>
#include <string.h>
#include <sys/stat.h>
#include <glib/gstdio.h>

#include "gp-session-test-utils.h"

/* Milliseconds a test waits for playing to stop before it gives up. */
#define WATCHDOG_MS 10000

/* Gaps the live session's clock takes, in turn, in µs: whole multiples of 16 ms so that
 * every speed divides them exactly; 7 s is an idle gap a replay shortens to 5 s. */
static const gint64 gaps_us[] = { 400000, 160000, 800000, 240000, 7000000, 160000, 480000, 320000 };

typedef struct {
  gint64 wall;
  gint64 mono;
  guint  tick;
} GapClock;

static void
gap_clock (gpointer  user_data,
           gint64   *wall_time_us,
           gint64   *monotonic_us)
{
  GapClock *clock = user_data;
  gint64 gap = gaps_us[clock->tick++ % G_N_ELEMENTS (gaps_us)];

  clock->wall += gap;
  clock->mono += gap;
  *wall_time_us = clock->wall;
  *monotonic_us = clock->mono;
}

typedef struct {
  char          *journal_path;
  GpJournal     *journal;
  GpFlowLibrary *library;
  GpFlow        *flow;
  GpSession     *live;
  GapClock       clock;
  GPtrArray     *states;   /* describe_state after event i + 1; NULL where not recorded */
  GPtrArray     *events;
} Fixture;

static void
on_live_event_applied (GpSession *session,
                       GpEvent   *event,
                       Fixture   *f)
{
  guint index = (guint) gp_event_get_seq (event) - 1;

  g_assert_cmpuint (index, ==, f->states->len);
  g_ptr_array_add (f->states, gp_session_describe_state (session));
}

/* A whole session of base.json touching most kinds of event, recorded into the journal. */
static void
record_live_session (Fixture *f)
{
  GListModel *events;
  g_autoptr(GpEvent) entered = NULL;

  f->live = gp_session_new (f->flow, GP_SESSION_MODE_ASSISTED, "sign in", GP_FAMILIARITY_FAMILIAR,
                            "Sign in to check a statement", GP_EVENT_SINK (f->journal));
  events = gp_session_get_events (f->live);
  entered = g_list_model_get_item (events, g_list_model_get_n_items (events) - 1);
  f->clock.wall = gp_event_get_wall_time (entered);
  f->clock.mono = gp_event_get_monotonic_time (entered);
  gp_session_set_clock (f->live, gap_clock, &f->clock);

  /* The creation events were applied before anyone could listen: only the last state. */
  for (guint i = 1; i < g_list_model_get_n_items (events); i++)
    g_ptr_array_add (f->states, NULL);
  g_ptr_array_add (f->states, gp_session_describe_state (f->live));
  g_signal_connect (f->live, "event-applied", G_CALLBACK (on_live_event_applied), f);

  gp_assert_ok (gp_session_show_why (f->live, GP_ACTOR_AGENT, E));
  gp_assert_ok (gp_session_next (f->live, GP_ACTOR_CUSTOMER, E));
  gp_assert_ok (gp_session_reveal_hint (f->live, GP_ACTOR_CUSTOMER, E));
  gp_assert_ok (gp_session_reveal_hint (f->live, GP_ACTOR_CUSTOMER, E));
  gp_assert_ok (gp_session_change_driver (f->live, GP_ACTOR_AGENT, GP_ACTOR_AGENT, E));
  gp_assert_ok (gp_session_present_offer (f->live, GP_ACTOR_AGENT, "paperless", E));
  gp_assert_ok (gp_session_answer_offer (f->live, GP_ACTOR_CUSTOMER, NULL, "paperless", GP_OFFER_ANSWER_DECLINED, E));
  gp_assert_ok (gp_session_report_failure (f->live, GP_ACTOR_AGENT, "wrong-password", E));
  gp_assert_ok (gp_session_take_recovery (f->live, GP_ACTOR_AGENT, E));
  gp_assert_ok (gp_session_add_note (f->live, GP_ACTOR_AGENT, "Typed the old password", E));
  gp_assert_ok (gp_session_change_driver (f->live, GP_ACTOR_AGENT, GP_ACTOR_CUSTOMER, E));
  gp_assert_ok (gp_session_next (f->live, GP_ACTOR_CUSTOMER, E));
  gp_assert_ok (gp_session_choose (f->live, GP_ACTOR_CUSTOMER, 0, E));
  gp_assert_ok (gp_session_pass_check (f->live, GP_ACTOR_AGENT, 0, E));
  gp_assert_ok (gp_session_pass_check (f->live, GP_ACTOR_AGENT, 1, E));
  gp_assert_ok (gp_session_next (f->live, GP_ACTOR_AGENT, E));
  gp_assert_ok (gp_session_record_satisfaction (f->live, GP_ACTOR_CUSTOMER, 5, NULL, E));
  gp_assert_ok (gp_session_end (f->live, GP_ACTOR_AGENT, GP_OUTCOME_COMPLETED, E));

  g_assert_cmpuint (f->states->len, ==, gp_session_get_n_events (f->live));
  g_assert_cmpuint (gp_session_get_n_unsaved_events (f->live), ==, 0);
  for (guint i = 0; i < g_list_model_get_n_items (events); i++)
    g_ptr_array_add (f->events, g_list_model_get_item (events, i));
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GFile) dir = gp_test_user_flows_with_base ();

  f->journal = gp_test_open_fresh_journal ("replay", &f->journal_path);
  f->library = gp_flow_library_new_for_sources (NULL, dir);
  f->flow = g_object_ref (gp_flow_library_lookup (f->library, "test-sign-in"));
  f->states = g_ptr_array_new_with_free_func (g_free);
  f->events = g_ptr_array_new_with_free_func (g_object_unref);
  record_live_session (f);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_assert_finalize_object (f->live);
  g_clear_pointer (&f->events, g_ptr_array_unref);
  g_clear_pointer (&f->states, g_ptr_array_unref);
  g_clear_object (&f->flow);
  g_assert_finalize_object (f->library);
  g_assert_finalize_object (f->journal);
  g_free (f->journal_path);
}

static GpSessionReplay *
new_replay (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  GpSessionReplay *replay = gp_session_replay_new_from_journal (f->journal, gp_session_get_id (f->live),
                                                                f->library, &error);

  g_assert_no_error (error);
  g_assert_nonnull (replay);
  return replay;
}

/* Every position, forward one by one, backward, and in jumps both ways, gives the state
 * the live session had after that many events. */
static void
check_position (Fixture         *f,
                GpSessionReplay *replay,
                guint            position)
{
  GpSession *session = gp_session_replay_seek (replay, position);

  g_assert_cmpuint (gp_session_replay_get_position (replay), ==, position);
  g_assert_true (session == gp_session_replay_get_session (replay));
  if (position == 0)
    {
      g_assert_null (session);
      return;
    }
  g_assert_nonnull (session);
  g_assert_cmpuint (gp_session_get_n_events (session), ==, position);
  g_assert_null (gp_session_get_sink (session));
  g_assert_cmpuint (gp_session_get_n_unsaved_events (session), ==, 0);
  if (g_ptr_array_index (f->states, position - 1) != NULL)
    {
      g_autofree char *state = gp_session_describe_state (session);

      g_assert_cmpstr (state, ==, g_ptr_array_index (f->states, position - 1));
    }
}

static void
test_seek_every_position (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GpSessionReplay) replay = new_replay (f);
  guint n = gp_session_replay_get_n_events (replay);
  g_autofree char *final_state = gp_session_describe_state (gp_session_replay_get_final_session (replay));
  g_autofree char *live_state = gp_session_describe_state (f->live);

  g_assert_cmpuint (n, ==, gp_session_get_n_events (f->live));
  g_assert_cmpuint (g_list_model_get_n_items (gp_session_replay_get_events (replay)), ==, n);
  g_assert_cmpstr (final_state, ==, live_state);
  g_assert_cmpuint (gp_session_replay_get_position (replay), ==, 0);
  g_assert_null (gp_session_replay_get_session (replay));

  for (guint p = 0; p <= n; p++)
    check_position (f, replay, p);
  for (guint p = n + 1; p-- > 0;)
    check_position (f, replay, p);
  for (guint p = 0; p <= n; p++)
    {
      check_position (f, replay, n - p);
      check_position (f, replay, p);
    }

  /* Beyond the end is the end. */
  gp_session_replay_seek (replay, n + 10);
  g_assert_cmpuint (gp_session_replay_get_position (replay), ==, n);
}

static void
test_notify_on_change_only (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GpSessionReplay) replay = new_replay (f);
  guint position = 0, session = 0, speed = 0, pause_at = 0, playing = 0;
  GpSession *before;

  g_signal_connect (replay, "notify::position", G_CALLBACK (gp_test_count_notify), &position);
  g_signal_connect (replay, "notify::session", G_CALLBACK (gp_test_count_notify), &session);
  g_signal_connect (replay, "notify::speed", G_CALLBACK (gp_test_count_notify), &speed);
  g_signal_connect (replay, "notify::pause-at", G_CALLBACK (gp_test_count_notify), &pause_at);
  g_signal_connect (replay, "notify::playing", G_CALLBACK (gp_test_count_notify), &playing);

  gp_session_replay_seek (replay, 0);
  g_assert_cmpuint (position, ==, 0);
  gp_session_replay_seek (replay, 5);
  g_assert_cmpuint (position, ==, 1);
  g_assert_cmpuint (session, ==, 1);

  /* A step forward keeps the session object; a step back replaces it. */
  before = gp_session_replay_get_session (replay);
  gp_session_replay_seek (replay, 6);
  g_assert_true (gp_session_replay_get_session (replay) == before);
  g_assert_cmpuint (position, ==, 2);
  g_assert_cmpuint (session, ==, 1);
  gp_session_replay_seek (replay, 5);
  g_assert_cmpuint (position, ==, 3);
  g_assert_cmpuint (session, ==, 2);

  gp_session_replay_set_speed (replay, GP_REPLAY_SPEED_NORMAL);
  g_assert_cmpuint (speed, ==, 0);
  g_object_set (replay, "speed", GP_REPLAY_SPEED_OCTUPLE, NULL);
  gp_session_replay_set_speed (replay, GP_REPLAY_SPEED_OCTUPLE);
  g_assert_cmpuint (speed, ==, 1);
  gp_session_replay_set_pause_at (replay, 0);
  g_assert_cmpuint (pause_at, ==, 0);
  gp_session_replay_set_pause_at (replay, 7);
  gp_session_replay_set_pause_at (replay, 7);
  g_assert_cmpuint (pause_at, ==, 1);
  gp_session_replay_pause (replay);
  g_assert_cmpuint (playing, ==, 0);
  gp_session_replay_play (replay);
  gp_session_replay_play (replay);
  g_assert_cmpuint (playing, ==, 1);
  gp_session_replay_pause (replay);
  gp_session_replay_pause (replay);
  g_assert_cmpuint (playing, ==, 2);
  g_assert_cmpint (gp_session_replay_get_scheduled_delay (replay), ==, -1);
}

static void
test_scale_gap (void)
{
  gboolean shortened = TRUE;

  g_assert_cmpuint (gp_replay_speed_scale_gap (GP_REPLAY_SPEED_NORMAL, 1200000, &shortened), ==, 1200);
  g_assert_false (shortened);
  g_assert_cmpuint (gp_replay_speed_scale_gap (GP_REPLAY_SPEED_HALF, 1200000, NULL), ==, 2400);
  g_assert_cmpuint (gp_replay_speed_scale_gap (GP_REPLAY_SPEED_DOUBLE, 1200000, NULL), ==, 600);
  g_assert_cmpuint (gp_replay_speed_scale_gap (GP_REPLAY_SPEED_QUADRUPLE, 1200000, NULL), ==, 300);
  g_assert_cmpuint (gp_replay_speed_scale_gap (GP_REPLAY_SPEED_OCTUPLE, 1200000, NULL), ==, 150);
  g_assert_cmpuint (gp_replay_speed_scale_gap (GP_REPLAY_SPEED_NO_WAITING, 1200000, NULL), ==, 0);
  /* Idle gaps are shortened to 5 s, then scaled. */
  g_assert_cmpuint (gp_replay_speed_scale_gap (GP_REPLAY_SPEED_NORMAL, 7000000, &shortened), ==, 5000);
  g_assert_true (shortened);
  g_assert_cmpuint (gp_replay_speed_scale_gap (GP_REPLAY_SPEED_OCTUPLE, 60 * G_USEC_PER_SEC, NULL), ==, 625);
  g_assert_cmpuint (gp_replay_speed_scale_gap (GP_REPLAY_SPEED_NORMAL, 5000000, &shortened), ==, 5000);
  g_assert_false (shortened);
  /* Rounded to the nearest millisecond; never negative. */
  g_assert_cmpuint (gp_replay_speed_scale_gap (GP_REPLAY_SPEED_OCTUPLE, 4000, NULL), ==, 1);
  g_assert_cmpuint (gp_replay_speed_scale_gap (GP_REPLAY_SPEED_NORMAL, -5, NULL), ==, 0);
}

typedef struct {
  Fixture         *f;
  GpSessionReplay *replay;
  GArray          *positions;   /* guint, in the order notified */
  GArray          *delays;      /* int: the scheduled wait when each position was notified */
  GArray          *playing;     /* gboolean, in the order notified */
  guint            n_at_playing_false;
  gboolean         timed_out;
} Recorder;

static void
on_position (GpSessionReplay *replay,
             GParamSpec      *pspec,
             Recorder        *r)
{
  guint position = gp_session_replay_get_position (replay);
  int delay = gp_session_replay_get_scheduled_delay (replay);

  g_array_append_val (r->positions, position);
  g_array_append_val (r->delays, delay);
}

static void
on_playing (GpSessionReplay *replay,
            GParamSpec      *pspec,
            Recorder        *r)
{
  gboolean playing = gp_session_replay_get_playing (replay);

  g_array_append_val (r->playing, playing);
  if (!playing)
    r->n_at_playing_false = r->positions->len;
}

static gboolean
on_watchdog (gpointer user_data)
{
  Recorder *r = user_data;

  r->timed_out = TRUE;
  return G_SOURCE_REMOVE;
}

static void
recorder_init (Recorder        *r,
               Fixture         *f,
               GpSessionReplay *replay)
{
  r->f = f;
  r->replay = replay;
  r->positions = g_array_new (FALSE, FALSE, sizeof (guint));
  r->delays = g_array_new (FALSE, FALSE, sizeof (int));
  r->playing = g_array_new (FALSE, FALSE, sizeof (gboolean));
  g_signal_connect (replay, "notify::position", G_CALLBACK (on_position), r);
  g_signal_connect (replay, "notify::playing", G_CALLBACK (on_playing), r);
}

static void
recorder_clear (Recorder *r)
{
  g_signal_handlers_disconnect_by_data (r->replay, r);
  g_array_unref (r->positions);
  g_array_unref (r->delays);
  g_array_unref (r->playing);
}

/* Plays until playing stops, failing after the watchdog. */
static void
play_through (Recorder *r)
{
  guint watchdog = g_timeout_add (WATCHDOG_MS, on_watchdog, r);

  gp_session_replay_play (r->replay);
  g_assert_true (gp_session_replay_get_playing (r->replay));
  while (gp_session_replay_get_playing (r->replay) && !r->timed_out)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (r->timed_out);
  g_source_remove (watchdog);
}

/* Recorded gap before event @index (at most 5 s) divided by the speed factor, to the
 * nearest ms.  The clock's gaps divide exactly; the creation events' are real ones. */
static int
expected_delay (Fixture *f,
                guint    index,
                double   factor)
{
  gint64 gap;

  if (index == 0 || factor == 0)
    return 0;
  gap = gp_event_get_monotonic_time (g_ptr_array_index (f->events, index)) -
        gp_event_get_monotonic_time (g_ptr_array_index (f->events, index - 1));
  gap = MIN (gap, 5 * G_USEC_PER_SEC);
  return (int) floor ((gap / factor + 500) / 1000);
}

static void
check_playback (Fixture       *f,
                GpReplaySpeed  speed,
                double         factor)
{
  g_autoptr(GpSessionReplay) replay = new_replay (f);
  guint n = gp_session_replay_get_n_events (replay);
  gboolean any_shortened = FALSE;
  Recorder r = { 0 };

  gp_session_replay_set_speed (replay, speed);
  for (guint i = 0; i < n; i++)
    {
      gboolean shortened;

      g_assert_cmpint (gp_session_replay_get_delay (replay, i, &shortened), ==, expected_delay (f, i, factor));
      any_shortened |= shortened;
    }
  g_assert_true (any_shortened);

  recorder_init (&r, f, replay);
  play_through (&r);

  /* Every position once, in order; each notified with the wait for the next event
   * already scheduled; playing stops after the last. */
  g_assert_cmpuint (r.positions->len, ==, n);
  for (guint i = 0; i < n; i++)
    {
      guint position = g_array_index (r.positions, guint, i);
      int delay = g_array_index (r.delays, int, i);

      g_assert_cmpuint (position, ==, i + 1);
      if (position < n)
        g_assert_cmpint (delay, ==, expected_delay (f, position, factor));
      else
        g_assert_cmpint (delay, ==, -1);
    }
  g_assert_cmpuint (r.playing->len, ==, 2);
  g_assert_true (g_array_index (r.playing, gboolean, 0));
  g_assert_false (g_array_index (r.playing, gboolean, 1));
  g_assert_cmpuint (r.n_at_playing_false, ==, n);
  g_assert_cmpuint (gp_session_replay_get_position (replay), ==, n);
  {
    g_autofree char *state = gp_session_describe_state (gp_session_replay_get_session (replay));
    g_autofree char *live = gp_session_describe_state (f->live);

    g_assert_cmpstr (state, ==, live);
  }
  recorder_clear (&r);
}

static void
test_play_octuple (Fixture       *f,
                   gconstpointer  data)
{
  check_playback (f, GP_REPLAY_SPEED_OCTUPLE, 8);
}

static void
test_play_no_waiting (Fixture       *f,
                      gconstpointer  data)
{
  check_playback (f, GP_REPLAY_SPEED_NO_WAITING, 0);
}

/* The delays at the other speeds, without playing them in real time. */
static void
test_delays_every_speed (Fixture       *f,
                         gconstpointer  data)
{
  static const struct { GpReplaySpeed speed; double factor; } speeds[] = {
    { GP_REPLAY_SPEED_HALF, 0.5 }, { GP_REPLAY_SPEED_NORMAL, 1 }, { GP_REPLAY_SPEED_DOUBLE, 2 },
    { GP_REPLAY_SPEED_QUADRUPLE, 4 }, { GP_REPLAY_SPEED_OCTUPLE, 8 }, { GP_REPLAY_SPEED_NO_WAITING, 0 },
  };
  g_autoptr(GpSessionReplay) replay = new_replay (f);

  for (guint s = 0; s < G_N_ELEMENTS (speeds); s++)
    {
      gp_session_replay_set_speed (replay, speeds[s].speed);
      for (guint i = 0; i < gp_session_replay_get_n_events (replay); i++)
        g_assert_cmpint (gp_session_replay_get_delay (replay, i, NULL), ==, expected_delay (f, i, speeds[s].factor));
    }

  /* Changing the speed while playing schedules the next wait at the new speed. */
  gp_session_replay_seek (replay, 4);
  gp_session_replay_set_speed (replay, GP_REPLAY_SPEED_NORMAL);
  gp_session_replay_play (replay);
  g_assert_cmpint (gp_session_replay_get_scheduled_delay (replay), ==, expected_delay (f, 4, 1));
  gp_session_replay_set_speed (replay, GP_REPLAY_SPEED_QUADRUPLE);
  g_assert_cmpint (gp_session_replay_get_scheduled_delay (replay), ==, expected_delay (f, 4, 4));
  /* Seeking while playing goes on from there. */
  gp_session_replay_seek (replay, 8);
  g_assert_true (gp_session_replay_get_playing (replay));
  g_assert_cmpint (gp_session_replay_get_scheduled_delay (replay), ==, expected_delay (f, 8, 4));
  gp_session_replay_seek (replay, gp_session_replay_get_n_events (replay));
  g_assert_false (gp_session_replay_get_playing (replay));
  g_assert_cmpint (gp_session_replay_get_scheduled_delay (replay), ==, -1);
}

static void
test_pause_at (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GpSessionReplay) replay = new_replay (f);
  guint n = gp_session_replay_get_n_events (replay);
  Recorder r = { 0 };

  gp_session_replay_set_speed (replay, GP_REPLAY_SPEED_NO_WAITING);
  gp_session_replay_set_pause_at (replay, 9);
  recorder_init (&r, f, replay);

  play_through (&r);
  g_assert_cmpuint (gp_session_replay_get_position (replay), ==, 9);
  g_assert_cmpuint (r.positions->len, ==, 9);
  g_assert_cmpuint (r.n_at_playing_false, ==, 9);
  {
    g_autofree char *state = gp_session_describe_state (gp_session_replay_get_session (replay));

    g_assert_cmpstr (state, ==, g_ptr_array_index (f->states, 8));
  }

  /* Playing again goes on past it, to the end. */
  play_through (&r);
  g_assert_cmpuint (gp_session_replay_get_position (replay), ==, n);
  g_assert_cmpuint (r.positions->len, ==, n);
  for (guint i = 0; i < n; i++)
    g_assert_cmpuint (g_array_index (r.positions, guint, i), ==, i + 1);

  /* Playing at the end starts again from the beginning, and stops at pause-at again. */
  g_array_set_size (r.positions, 0);
  play_through (&r);
  g_assert_cmpuint (gp_session_replay_get_position (replay), ==, 9);
  g_assert_cmpuint (g_array_index (r.positions, guint, 0), ==, 0);
  g_assert_cmpuint (g_array_index (r.positions, guint, 1), ==, 1);
  recorder_clear (&r);
}

/* Nothing a replay does reaches the journal, and its session never has a sink. */
static void
test_writes_nothing (Fixture       *f,
                     gconstpointer  data)
{
  const char *id = gp_session_get_id (f->live);
  guint64 last_seq = gp_journal_get_last_seq (f->journal, id, NULL);
  guint n_sessions = g_list_model_get_n_items (G_LIST_MODEL (f->journal));
  struct stat before, after;
  g_autoptr(GpSessionReplay) replay = new_replay (f);
  Recorder r = { 0 };

  g_assert_cmpint (g_stat (f->journal_path, &before), ==, 0);
  for (guint p = 0; p <= gp_session_replay_get_n_events (replay); p++)
    check_position (f, replay, p);
  gp_session_replay_seek (replay, 0);
  gp_session_replay_set_speed (replay, GP_REPLAY_SPEED_NO_WAITING);
  recorder_init (&r, f, replay);
  play_through (&r);
  recorder_clear (&r);
  g_assert_null (gp_session_get_sink (gp_session_replay_get_session (replay)));
  g_assert_null (gp_session_get_sink (gp_session_replay_get_final_session (replay)));

  g_assert_cmpuint (gp_journal_get_last_seq (f->journal, id, NULL), ==, last_seq);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->journal)), ==, n_sessions);
  g_assert_cmpint (g_stat (f->journal_path, &after), ==, 0);
  g_assert_cmpint (after.st_size, ==, before.st_size);
  g_assert_cmpint (after.st_mtime, ==, before.st_mtime);
}

static void
test_errors (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GpFlowLibrary) empty = gp_flow_library_new_for_sources (NULL, NULL);
  g_autoptr(GPtrArray) gap = g_ptr_array_new ();
  GpSessionReplay *replay;

  replay = gp_session_replay_new_from_journal (f->journal, "no-such-session", f->library, &error);
  g_assert_null (replay);
  g_assert_error (error, GP_JOURNAL_ERROR, GP_JOURNAL_ERROR_UNKNOWN_SESSION);
  g_clear_error (&error);

  replay = gp_session_replay_new_from_journal (f->journal, gp_session_get_id (f->live), empty, &error);
  g_assert_null (replay);
  g_assert_error (error, GP_JOURNAL_ERROR, GP_JOURNAL_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "test-sign-in"));
  g_clear_error (&error);

  /* A list with a gap is not a session. */
  g_ptr_array_add (gap, g_ptr_array_index (f->events, 0));
  g_ptr_array_add (gap, g_ptr_array_index (f->events, 2));
  replay = gp_session_replay_new (f->flow, gap, &error);
  g_assert_null (replay);
  g_assert_error (error, GP_SESSION_ERROR, GP_SESSION_ERROR_INCONSISTENT);
}

/* Seeks on a session of 1,000 events: how long they take is reported, not asserted. */
static void
test_seek_long_session (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GpSession) session = gp_session_new (f->flow, GP_SESSION_MODE_ASSISTED, "sign in",
                                                 GP_FAMILIARITY_NEW, "Sign in", NULL);
  g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GpSessionReplay) replay = NULL;
  g_autoptr(GError) error = NULL;
  GListModel *model;
  gint64 start, worst_back = 0, worst_step = 0, worst_jump = 0;
  guint n;

  while (gp_session_get_n_events (session) < 999)
    gp_assert_ok (gp_session_add_note (session, GP_ACTOR_AGENT, "Still waiting for the code", E));
  gp_assert_ok (gp_session_end (session, GP_ACTOR_AGENT, GP_OUTCOME_ABANDONED, E));
  model = gp_session_get_events (session);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    g_ptr_array_add (events, g_list_model_get_item (model, i));
  n = events->len;
  g_assert_cmpuint (n, ==, 1000);

  replay = gp_session_replay_new (f->flow, events, &error);
  g_assert_no_error (error);

  gp_session_replay_seek (replay, n);
  for (guint p = n; p-- > n - 20;)
    {
      start = g_get_monotonic_time ();
      gp_session_replay_seek (replay, p);
      worst_back = MAX (worst_back, g_get_monotonic_time () - start);
    }
  for (guint p = n - 20; p < n; p++)
    {
      start = g_get_monotonic_time ();
      gp_session_replay_seek (replay, p + 1);
      worst_step = MAX (worst_step, g_get_monotonic_time () - start);
    }
  for (guint i = 0; i < 20; i++)
    {
      start = g_get_monotonic_time ();
      gp_session_replay_seek (replay, i % 2 ? n : n / 2);
      worst_jump = MAX (worst_jump, g_get_monotonic_time () - start);
    }
  g_assert_cmpuint (gp_session_replay_get_position (replay), ==, n);
  {
    g_autofree char *state = gp_session_describe_state (gp_session_replay_get_session (replay));
    g_autofree char *live = gp_session_describe_state (session);

    g_assert_cmpstr (state, ==, live);
  }
  g_test_message ("1000 events: one back (rebuild) %.2f ms, one forward %.3f ms, jump %.2f ms (worst of 20)",
                  worst_back / 1000.0, worst_step / 1000.0, worst_jump / 1000.0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/guidepost/replay/scale-gap", test_scale_gap);
#define ADD(path, func) g_test_add ("/guidepost/replay/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("seek-every-position", test_seek_every_position);
  ADD ("notify-on-change-only", test_notify_on_change_only);
  ADD ("delays-every-speed", test_delays_every_speed);
  ADD ("play-octuple", test_play_octuple);
  ADD ("play-no-waiting", test_play_no_waiting);
  ADD ("pause-at", test_pause_at);
  ADD ("writes-nothing", test_writes_nothing);
  ADD ("errors", test_errors);
  ADD ("seek-long-session", test_seek_long_session);
#undef ADD

  return g_test_run ();
}
