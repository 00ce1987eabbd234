/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>

#include "gp-session-test-utils.h"

/* Practice and assessment (issue 6, point 4): bundled scenarios played through the
 * session engine with a clock the test sets, the scripted customer's cues and replies,
 * the score to exact numbers, practice feedback, the deductions, and the score rebuilt
 * from the events after a journal-like round trip. */

#define SCENARIOS_PATH "/io/guidepost/Guidepost/scenarios/"

typedef struct {
  gint64 wall;
  gint64 mono;
} Clock;

typedef struct {
  GpFlowLibrary *library;
  GpScenario    *scenario;
  GpSession     *session;
  GpTrainingRun *run;
  Clock          clock;
  gint64         base_wall;
  gint64         base_mono;
  guint          n_said;
  guint          n_score_notifies;
} Play;

static void
clock_read (gpointer  user_data,
            gint64   *wall_time_us,
            gint64   *monotonic_us)
{
  Clock *clock = user_data;

  *wall_time_us = clock->wall;
  *monotonic_us = clock->mono;
}

/* Seconds after the scenario's start. */
static void
at (Play *play,
    int   seconds)
{
  play->clock.wall = play->base_wall + (gint64) seconds * G_USEC_PER_SEC;
  play->clock.mono = play->base_mono + (gint64) seconds * G_USEC_PER_SEC;
}

/* Lets the scripted customer react: the run answers from idle sources. */
static void
settle (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static GpScenario *
load_scenario_bytes (GBytes        *bytes,
                     GpFlowLibrary *library)
{
  g_autoptr(GError) error = NULL;
  GpScenario *scenario = gp_scenario_load_bytes (bytes, "scenario.json", library, NULL, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (scenario);
  return scenario;
}

static GBytes *
scenario_bytes (const char *id)
{
  g_autofree char *path = g_strconcat (SCENARIOS_PATH, id, ".json", NULL);
  g_autoptr(GError) error = NULL;
  GBytes *bytes = g_resources_lookup_data (path, G_RESOURCE_LOOKUP_FLAGS_NONE, &error);

  g_assert_no_error (error);
  return bytes;
}

static void
on_said (GpTrainingRun *run,
         const char    *text,
         gpointer       user_data)
{
  ((Play *) user_data)->n_said++;
}

static void
on_score (GObject    *object,
          GParamSpec *pspec,
          gpointer    user_data)
{
  ((Play *) user_data)->n_score_notifies++;
}

/* A training session on the scenario's flow, its clock at the scenario's start. */
static void
play_new_session (Play *play)
{
  GpFlow *flow = gp_flow_library_lookup (play->library, gp_scenario_get_flow_id (play->scenario));
  GListModel *events;
  g_autoptr(GpEvent) last = NULL;

  g_assert_nonnull (flow);
  play->session = gp_session_new (flow, GP_SESSION_MODE_TRAINING, gp_scenario_get_persona_goal (play->scenario),
                                  gp_scenario_get_persona_familiarity (play->scenario), "Agreed problem", NULL);
  events = gp_session_get_events (play->session);
  last = g_list_model_get_item (events, g_list_model_get_n_items (events) - 1);
  play->base_wall = gp_event_get_wall_time (last);
  play->base_mono = gp_event_get_monotonic_time (last);
  at (play, 0);
  gp_session_set_clock (play->session, clock_read, &play->clock);
}

static void
play_start (Play          *play,
            GpScenario    *scenario,
            GpScenarioRun  run)
{
  g_autoptr(GError) error = NULL;

  play->library = gp_flow_library_new_for_sources ("/io/guidepost/Guidepost/flows", NULL);
  if (scenario == NULL)
    g_error ("no scenario");
  play->scenario = scenario;
  play_new_session (play);
  play->run = gp_training_run_new (play->scenario, play->session, run, &error);
  g_assert_no_error (error);
  g_assert_nonnull (play->run);
  g_signal_connect (play->run, "customer-said", G_CALLBACK (on_said), play);
  g_signal_connect (play->run, "notify::score", G_CALLBACK (on_score), play);
  settle ();
}

static void
play_start_bundled (Play          *play,
                    const char    *id,
                    GpScenarioRun  run)
{
  g_autoptr(GBytes) bytes = scenario_bytes (id);
  g_autoptr(GpFlowLibrary) library = gp_flow_library_new_for_sources ("/io/guidepost/Guidepost/flows", NULL);

  play_start (play, load_scenario_bytes (bytes, library), run);
}

static void
play_clear (Play *play)
{
  g_clear_object (&play->run);
  g_clear_object (&play->session);
  g_clear_object (&play->scenario);
  g_clear_object (&play->library);
  settle ();
}

static GpEvent *
last_event (Play *play)
{
  GListModel *events = gp_session_get_events (play->session);

  return g_list_model_get_item (events, g_list_model_get_n_items (events) - 1);
}

static guint64
last_seq (Play *play)
{
  g_autoptr(GpEvent) event = last_event (play);

  return gp_event_get_seq (event);
}

static GpTrainingScoreItem *
item_at (GpTrainingScore *score,
         guint            index)
{
  g_autoptr(GpTrainingScoreItem) item = g_list_model_get_item (gp_training_score_get_items (score), index);

  g_assert_nonnull (item);
  /* The score's list keeps it alive. */
  return item;
}

typedef struct {
  const char *id;
  int         points;
  guint       possible;
  const char *criterion;
  guint64     seq;
} Expected;

/* Every item, in order, with its points; nothing more. */
static void
assert_items (GpTrainingScore *score,
              const Expected  *expected,
              guint            n)
{
  GListModel *items = gp_training_score_get_items (score);

  for (guint i = 0; i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr(GpTrainingScoreItem) item = g_list_model_get_item (items, i);

      g_test_message ("item %u: %s %d/%u: %s", i, gp_training_score_item_get_id (item),
                      gp_training_score_item_get_points (item), gp_training_score_item_get_possible (item),
                      gp_training_score_item_get_explanation (item));
    }
  g_assert_cmpuint (g_list_model_get_n_items (items), ==, n);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GpTrainingScoreItem) item = g_list_model_get_item (items, i);

      g_assert_cmpstr (gp_training_score_item_get_id (item), ==, expected[i].id);
      g_assert_cmpint (gp_training_score_item_get_points (item), ==, expected[i].points);
      g_assert_cmpuint (gp_training_score_item_get_possible (item), ==, expected[i].possible);
      g_assert_cmpstr (gp_training_score_item_get_criterion (item), ==, expected[i].criterion);
      g_assert_cmpuint (gp_training_score_item_get_seq (item), ==, expected[i].seq);
      g_assert_nonnull (gp_training_score_item_get_title (item));
      g_assert_nonnull (gp_training_score_item_get_explanation (item));
    }
}

typedef struct {
  GpTrainingFeedbackKind kind;
  const char            *criterion;
  guint64                seq;
} ExpectedFeedback;

static void
assert_feedback (Play                   *play,
                 const ExpectedFeedback *expected,
                 guint                   n)
{
  GListModel *feedback = gp_training_run_get_feedback (play->run);

  for (guint i = 0; i < g_list_model_get_n_items (feedback); i++)
    {
      g_autoptr(GpTrainingFeedback) f = g_list_model_get_item (feedback, i);

      g_test_message ("feedback %u: %d %s seq %" G_GUINT64_FORMAT ": %s", i, gp_training_feedback_get_kind (f),
                      gp_training_feedback_get_criterion (f), gp_training_feedback_get_seq (f),
                      gp_training_feedback_get_text (f));
    }
  g_assert_cmpuint (g_list_model_get_n_items (feedback), ==, n);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GpTrainingFeedback) f = g_list_model_get_item (feedback, i);

      g_assert_cmpint (gp_training_feedback_get_kind (f), ==, expected[i].kind);
      g_assert_cmpstr (gp_training_feedback_get_criterion (f), ==, expected[i].criterion);
      g_assert_cmpuint (gp_training_feedback_get_seq (f), ==, expected[i].seq);
      g_assert_nonnull (strchr (gp_training_feedback_get_text (f), '.'));
    }
}

static char *
score_json (GpTrainingScore *score)
{
  g_autoptr(JsonNode) node = gp_training_score_to_json (score);

  return json_to_string (node, FALSE);
}

/* The events through their journal form and back, then scored again. */
static GpTrainingScore *
score_after_round_trip (Play *play)
{
  GListModel *events = gp_session_get_events (play->session);
  g_autoptr(GPtrArray) copies = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GpSession) copy = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (events); i++)
    {
      g_autoptr(GpEvent) event = g_list_model_get_item (events, i);
      g_autoptr(JsonNode) node = gp_event_to_json (event);
      g_autofree char *text = json_to_string (node, FALSE);
      g_autoptr(JsonNode) parsed = json_from_string (text, &error);
      GpEvent *back;

      g_assert_no_error (error);
      back = gp_event_new_from_json (parsed, &error);
      g_assert_no_error (error);
      g_ptr_array_add (copies, back);
    }
  copy = gp_session_new_from_events (gp_session_get_flow (play->session), copies, &error);
  g_assert_no_error (error);
  return gp_training_score_compute (play->scenario, gp_session_get_flow (copy), gp_session_get_events (copy));
}

/* An assessment of "permit-new-car-payment-timeout" to the exact numbers: no offer to try
 * again (missed), the logbook explained and its photo recovered, both payment timeouts
 * recovered and the escalation when the limit is reached, one hint, 32:10 for 30 minutes. */
static void
test_assessment_exact (void)
{
  Play play = { 0 };
  g_autoptr(GpTrainingScore) score = NULL;
  g_autoptr(GpTrainingScore) again = NULL;
  g_autofree char *live = NULL;
  g_autofree char *replayed = NULL;
  GListModel *feedback;
  const Expected expected[] = {
    { "offer-to-try-himself", 0, 4, "1.4", 6 },
    { "why-the-logbook", 5, 5, "2.4", 17 },
    { "screenshot-the-photo", 8, 8, "5a", 19 },
    { "check-before-paying-again", 10, 10, "5b", 30 },
    { "escalate-second-timeout", 10, 10, "5b", 39 },
    { "time", -3, 0, NULL, 42 },
    { "hints", -1, 0, NULL, 28 },
  };
  const ExpectedFeedback expected_feedback[] = {
    { GP_TRAINING_FEEDBACK_MISSED, "1.4", 42 },
    { GP_TRAINING_FEEDBACK_GOOD, "2.4", 42 },
    { GP_TRAINING_FEEDBACK_GOOD, "5a", 42 },
    { GP_TRAINING_FEEDBACK_GOOD, "5b", 42 },
    { GP_TRAINING_FEEDBACK_GOOD, "5b", 42 },
    { GP_TRAINING_FEEDBACK_WARNING, NULL, 42 },
    { GP_TRAINING_FEEDBACK_WARNING, NULL, 42 },
  };

  play_start_bundled (&play, "permit-new-car-payment-timeout", GP_SCENARIO_RUN_ASSESSMENT);
  feedback = gp_training_run_get_feedback (play.run);
  g_assert_cmpuint (last_seq (&play), ==, 4);
  g_assert_cmpint (gp_session_get_scenario_run (play.session), ==, GP_SCENARIO_RUN_ASSESSMENT);
  g_assert_true (gp_session_get_hints_allowed (play.session));
  g_assert_null (gp_training_run_get_score (play.run));

  at (&play, 20);  gp_assert_ok (gp_session_next (play.session, GP_ACTOR_AGENT, E));           /* 5, 6 */
  at (&play, 30);  gp_assert_ok (gp_session_pass_check (play.session, GP_ACTOR_AGENT, 0, E));  /* 7 */
  at (&play, 40);  gp_assert_ok (gp_session_pass_check (play.session, GP_ACTOR_AGENT, 1, E));  /* 8 */
  at (&play, 50);  gp_assert_ok (gp_session_pass_check (play.session, GP_ACTOR_AGENT, 2, E));  /* 9 */
  at (&play, 60);  gp_assert_ok (gp_session_next (play.session, GP_ACTOR_AGENT, E));           /* 10, 11 */
  at (&play, 70);  gp_assert_ok (gp_session_choose (play.session, GP_ACTOR_CUSTOMER, 1, E));   /* 12, 13 */
  at (&play, 80);  gp_assert_ok (gp_session_next (play.session, GP_ACTOR_CUSTOMER, E));        /* 14, 15 */
  g_assert_null (gp_session_get_injected_failure (play.session));
  settle ();                                                                                    /* 16 */
  g_assert_cmpuint (last_seq (&play), ==, 16);
  g_assert_cmpstr (gp_failure_get_id (gp_session_get_injected_failure (play.session)), ==, "file-type-rejected");
  g_assert_cmpstr (gp_training_run_get_last_said (play.run), ==,
                   gp_scenario_cue_get_say (gp_scenario_get_cue (play.scenario, 0)));
  g_assert_cmpuint (play.n_said, ==, 1);

  at (&play, 100); gp_assert_ok (gp_session_show_why (play.session, GP_ACTOR_AGENT, E));       /* 17 */
  at (&play, 120); gp_assert_ok (gp_session_report_failure (play.session, GP_ACTOR_AGENT, "file-type-rejected", E)); /* 18 */
  at (&play, 130); gp_assert_ok (gp_session_take_recovery (play.session, GP_ACTOR_AGENT, E));  /* 19, 20 */
  settle ();
  /* One cue at this step: the second arrival brings nothing. */
  g_assert_cmpuint (last_seq (&play), ==, 20);
  at (&play, 150); gp_assert_ok (gp_session_next (play.session, GP_ACTOR_CUSTOMER, E));        /* 21, 22 */
  at (&play, 160); gp_assert_ok (gp_session_next (play.session, GP_ACTOR_CUSTOMER, E));        /* 23, 24 */
  at (&play, 170); gp_assert_ok (gp_session_next (play.session, GP_ACTOR_CUSTOMER, E));        /* 25, 26 */
  settle ();                                                                                    /* 27 */
  g_assert_cmpstr (gp_failure_get_id (gp_session_get_injected_failure (play.session)), ==, "payment-timeout");
  at (&play, 180); gp_assert_ok (gp_session_reveal_hint (play.session, GP_ACTOR_AGENT, E));    /* 28 */
  at (&play, 200); gp_assert_ok (gp_session_report_failure (play.session, GP_ACTOR_AGENT, "payment-timeout", E)); /* 29 */
  at (&play, 210); gp_assert_ok (gp_session_take_recovery (play.session, GP_ACTOR_AGENT, E));  /* 30, 31 */
  at (&play, 220); gp_assert_ok (gp_session_choose (play.session, GP_ACTOR_AGENT, 1, E));      /* 32, 33 */
  settle ();                                                                                    /* 34: the second arrival, the second cue */
  g_assert_cmpuint (last_seq (&play), ==, 34);
  g_assert_cmpuint (play.n_said, ==, 3);
  at (&play, 240); gp_assert_ok (gp_session_report_failure (play.session, GP_ACTOR_AGENT, "payment-timeout", E)); /* 35 */
  at (&play, 250); gp_assert_ok (gp_session_take_recovery (play.session, GP_ACTOR_AGENT, E));  /* 36, 37, 38 */
  g_assert_true (gp_session_get_proposed_escalation (play.session, NULL, NULL, NULL));
  at (&play, 260); gp_assert_ok (gp_session_escalate (play.session, GP_ACTOR_AGENT, "Parking services team",
                                                      GP_PRIORITY_HIGH, NULL, E));             /* 39 */
  at (&play, 270); gp_assert_ok (gp_session_choose (play.session, GP_ACTOR_AGENT, 2, E));      /* 40, 41 */
  settle ();
  /* Nothing is said or scored in an assessment before the end. */
  g_assert_cmpuint (g_list_model_get_n_items (feedback), ==, 0);
  g_assert_null (gp_training_run_get_score (play.run));
  g_assert_cmpuint (play.n_score_notifies, ==, 0);

  at (&play, 32 * 60 + 10);
  gp_assert_ok (gp_session_end (play.session, GP_ACTOR_AGENT, GP_OUTCOME_ESCALATED, E));      /* 42 */
  settle ();
  g_assert_cmpuint (last_seq (&play), ==, 42);
  g_assert_cmpuint (play.n_score_notifies, ==, 1);

  score = gp_training_run_get_score (play.run);
  g_assert_nonnull (score);
  g_assert_cmpint (gp_training_score_get_total (score), ==, 29);
  g_assert_cmpuint (gp_training_score_get_possible (score), ==, 37);
  assert_items (score, expected, G_N_ELEMENTS (expected));
  g_assert_cmpstr (gp_training_score_item_get_explanation (item_at (score, 5)), ==,
                   "The call took 32:10, 02:10 over the 30 minutes allowed: 1 point per minute started "
                   "over the limit, at most 5.");
  g_assert_nonnull (strstr (gp_training_score_item_get_explanation (item_at (score, 1)), "at 01:40."));
  g_assert_nonnull (strstr (gp_training_score_item_get_explanation (item_at (score, 4)),
                            "at 04:10 and you escalated at 04:20."));
  assert_feedback (&play, expected_feedback, G_N_ELEMENTS (expected_feedback));

  /* The same events, through their journal form, give the same score. */
  again = score_after_round_trip (&play);
  live = score_json (score);
  replayed = score_json (again);
  g_assert_cmpstr (live, ==, replayed);
  g_assert_nonnull (strstr (live, "\"total\":29,\"possible\":37,"));
  play_clear (&play);
}

/* Practice: feedback after each action (good, missed, a warning for the hint), the
 * scripted customer declining to try again herself, "not yet" while it is still possible. */
static void
test_practice_feedback (void)
{
  Play play = { 0 };
  g_autoptr(GpTrainingScore) first = NULL;
  g_autoptr(GpTrainingScore) score = NULL;
  g_autoptr(GpEvent) answer = NULL;
  const ExpectedFeedback expected[] = {
    { GP_TRAINING_FEEDBACK_GOOD, "1.4", 5 },
    { GP_TRAINING_FEEDBACK_GOOD, "2.2", 16 },
    { GP_TRAINING_FEEDBACK_MISSED, "2.4", 20 },
    { GP_TRAINING_FEEDBACK_WARNING, NULL, 22 },
    { GP_TRAINING_FEEDBACK_GOOD, "5b", 24 },
  };
  const Expected expected_items[] = {
    { "offer-to-try-herself", 5, 5, "1.4", 5 },
    { "confirm-who-she-is", 5, 5, "2.2", 16 },
    { "explain-the-text-code", 0, 5, "2.4", 20 },
    { "new-code-not-her-fault", 10, 10, "5b", 24 },
    { "explain-password-rules", 0, 5, "4a", 0 },
    { "mention-security-alerts", 0, 3, "2.6", 0 },
    { "hints", -1, 0, NULL, 22 },
  };
  /* After the code: the password rules explained, and the security alerts offered at
   * the last screen (the flow allows this offer after a failure). */
  const ExpectedFeedback expected_later[] = {
    { GP_TRAINING_FEEDBACK_GOOD, "1.4", 5 },
    { GP_TRAINING_FEEDBACK_GOOD, "2.2", 16 },
    { GP_TRAINING_FEEDBACK_MISSED, "2.4", 20 },
    { GP_TRAINING_FEEDBACK_WARNING, NULL, 22 },
    { GP_TRAINING_FEEDBACK_GOOD, "5b", 24 },
    { GP_TRAINING_FEEDBACK_GOOD, "4a", 28 },
    { GP_TRAINING_FEEDBACK_GOOD, "2.6", 33 },
  };
  const Expected expected_items_later[] = {
    { "offer-to-try-herself", 5, 5, "1.4", 5 },
    { "confirm-who-she-is", 5, 5, "2.2", 16 },
    { "explain-the-text-code", 0, 5, "2.4", 20 },
    { "new-code-not-her-fault", 10, 10, "5b", 24 },
    { "explain-password-rules", 5, 5, "4a", 28 },
    { "mention-security-alerts", 3, 3, "2.6", 33 },
    { "hints", -1, 0, NULL, 22 },
  };
  const char *comment = NULL;

  play_start_bundled (&play, "locked-out-code-missing", GP_SCENARIO_RUN_PRACTICE);
  first = gp_training_run_get_score (play.run);
  g_assert_nonnull (first);
  g_assert_cmpint (gp_training_score_get_total (first), ==, 0);
  g_assert_cmpstr (gp_training_score_item_get_explanation (item_at (first, 0)), ==,
                   "Not yet: offer the customer the chance to try again online before the first step is done.");

  at (&play, 10); gp_assert_ok (gp_session_offer_try_again (play.session, GP_ACTOR_AGENT, E));  /* 5 */
  settle ();                                                                                      /* 6 */
  answer = last_event (&play);
  g_assert_cmpint (gp_event_get_event_type (answer), ==, GP_EVENT_TRY_AGAIN_DECLINED);
  g_assert_cmpint (gp_event_get_actor (answer), ==, GP_ACTOR_CUSTOMER);
  at (&play, 20); gp_assert_ok (gp_session_next (play.session, GP_ACTOR_AGENT, E));              /* 7, 8 */
  at (&play, 30); gp_assert_ok (gp_session_choose (play.session, GP_ACTOR_AGENT, 1, E));         /* 9, 10 */
  at (&play, 40); gp_assert_ok (gp_session_next (play.session, GP_ACTOR_AGENT, E));              /* 11, 12 */
  for (guint check = 0; check < 4; check++)                                                       /* 13–16 */
    {
      at (&play, 50 + 10 * (int) check);
      gp_assert_ok (gp_session_pass_check (play.session, GP_ACTOR_AGENT, check, E));
    }
  at (&play, 90);  gp_assert_ok (gp_session_next (play.session, GP_ACTOR_AGENT, E));             /* 17, 18 */
  at (&play, 100); gp_assert_ok (gp_session_next (play.session, GP_ACTOR_AGENT, E));             /* 19, 20 */
  settle ();                                                                                      /* 21 */
  g_assert_cmpstr (gp_failure_get_id (gp_session_get_injected_failure (play.session)), ==, "code-not-arrived");
  g_assert_cmpuint (play.n_said, ==, 1);
  at (&play, 110); gp_assert_ok (gp_session_reveal_hint (play.session, GP_ACTOR_AGENT, E));      /* 22 */
  at (&play, 120); gp_assert_ok (gp_session_report_failure (play.session, GP_ACTOR_AGENT, "code-not-arrived", E)); /* 23 */
  at (&play, 130); gp_assert_ok (gp_session_take_recovery (play.session, GP_ACTOR_AGENT, E));    /* 24, 25 */
  settle ();
  g_assert_cmpuint (last_seq (&play), ==, 25);

  assert_feedback (&play, expected, G_N_ELEMENTS (expected));
  score = gp_training_run_get_score (play.run);
  g_assert_cmpint (gp_training_score_get_total (score), ==, 19);
  assert_items (score, expected_items, G_N_ELEMENTS (expected_items));
  g_assert_cmpstr (gp_training_score_item_get_explanation (item_at (score, 4)), ==,
                   "Not yet: explain why “Choose a new password” is needed while you are at it.");
  /* Practice scores every event. */
  g_assert_cmpuint (play.n_score_notifies, ==, 25 - 4);

  g_assert_cmpuint (gp_training_run_get_satisfaction_reply (play.run, &comment), ==, 5);
  g_assert_cmpstr (comment, ==, "Thank you for being so patient with me.");

  at (&play, 140); gp_assert_ok (gp_session_next (play.session, GP_ACTOR_AGENT, E));
  g_assert_cmpstr (gp_step_get_id (gp_session_get_current_step (play.session)), ==, "set-password");
  at (&play, 150); gp_assert_ok (gp_session_show_why (play.session, GP_ACTOR_AGENT, E));
  at (&play, 160); gp_assert_ok (gp_session_next (play.session, GP_ACTOR_AGENT, E));
  at (&play, 170); gp_assert_ok (gp_session_next (play.session, GP_ACTOR_AGENT, E));
  g_assert_cmpstr (gp_step_get_id (gp_session_get_current_step (play.session)), ==, "log-in-again");
  at (&play, 180); gp_assert_ok (gp_session_present_offer (play.session, GP_ACTOR_AGENT, "security-alerts", E));
  settle ();                                                                                      /* 33, 34 */
  g_clear_object (&answer);
  answer = last_event (&play);
  g_assert_cmpint (gp_event_get_event_type (answer), ==, GP_EVENT_OFFER_ANSWERED);
  g_clear_object (&score);
  score = gp_training_run_get_score (play.run);
  assert_feedback (&play, expected_later, G_N_ELEMENTS (expected_later));
  assert_items (score, expected_items_later, G_N_ELEMENTS (expected_items_later));
  g_assert_cmpint (gp_training_score_get_total (score), ==, 27);
  play_clear (&play);
}

/* An assessment follows the scenario's hints_allowed; practice always allows hints. */
static void
test_hints_refused (void)
{
  Play assessment = { 0 }, practice = { 0 };
  g_autoptr(GError) error = NULL;

  play_start_bundled (&assessment, "parcel-delivered-in-a-hurry", GP_SCENARIO_RUN_ASSESSMENT);
  g_assert_false (gp_scenario_get_hints_allowed (assessment.scenario));
  g_assert_false (gp_session_get_hints_allowed (assessment.session));
  g_assert_false (gp_session_reveal_hint (assessment.session, GP_ACTOR_AGENT, &error));
  g_assert_error (error, GP_SESSION_ERROR, GP_SESSION_ERROR_NOT_ALLOWED);
  play_clear (&assessment);

  play_start_bundled (&practice, "parcel-delivered-in-a-hurry", GP_SCENARIO_RUN_PRACTICE);
  g_assert_true (gp_session_get_hints_allowed (practice.session));
  gp_assert_ok (gp_session_reveal_hint (practice.session, GP_ACTOR_AGENT, E));
  play_clear (&practice);
}

static void
walk_to_card_payment (Play *play)
{
  at (play, 10); gp_assert_ok (gp_session_next (play->session, GP_ACTOR_AGENT, E));
  for (guint check = 0; check < 3; check++)
    gp_assert_ok (gp_session_pass_check (play->session, GP_ACTOR_AGENT, check, E));
  gp_assert_ok (gp_session_next (play->session, GP_ACTOR_AGENT, E));
  gp_assert_ok (gp_session_choose (play->session, GP_ACTOR_AGENT, 1, E));
  gp_assert_ok (gp_session_next (play->session, GP_ACTOR_AGENT, E));
  settle ();  /* the logbook's failure, ignored here */
  gp_assert_ok (gp_session_next (play->session, GP_ACTOR_AGENT, E));
  gp_assert_ok (gp_session_next (play->session, GP_ACTOR_AGENT, E));
  gp_assert_ok (gp_session_next (play->session, GP_ACTOR_AGENT, E));
  settle ();
  g_assert_cmpstr (gp_failure_get_id (gp_session_get_injected_failure (play->session)), ==, "payment-timeout");
}

/* The payment timed out but the trainee treats it as a declined card (a wrong recovery),
 * then escalates before any retry limit is reached. */
static void
test_wrong_recovery_and_early_escalation (void)
{
  Play play = { 0 };
  g_autoptr(GpTrainingScore) score = NULL;
  GpTrainingScoreItem *item;
  GListModel *items;
  guint n;

  play_start_bundled (&play, "permit-new-car-payment-timeout", GP_SCENARIO_RUN_PRACTICE);
  walk_to_card_payment (&play);
  at (&play, 60);  gp_assert_ok (gp_session_report_failure (play.session, GP_ACTOR_AGENT, "card-declined", E));
  at (&play, 70);  gp_assert_ok (gp_session_take_recovery (play.session, GP_ACTOR_AGENT, E));
  settle ();
  at (&play, 90);  gp_assert_ok (gp_session_escalate (play.session, GP_ACTOR_AGENT, "Parking services team",
                                                      GP_PRIORITY_NORMAL, NULL, E));

  score = gp_training_run_get_score (play.run);
  items = gp_training_score_get_items (score);
  n = g_list_model_get_n_items (items);
  g_assert_cmpuint (n, ==, 5 + 2);
  item = item_at (score, 5);
  g_assert_cmpstr (gp_training_score_item_get_id (item), ==, "wrong-recovery");
  g_assert_cmpint (gp_training_score_item_get_points (item), ==, -5);
  g_assert_cmpstr (gp_training_score_item_get_explanation (item), ==,
                   "On “Pay by card” the customer's problem was “payment-timeout”, but you reported "
                   "“card-declined” at 01:00 and took its recovery at 01:10.");
  item = item_at (score, 6);
  g_assert_cmpstr (gp_training_score_item_get_id (item), ==, "escalation");
  g_assert_cmpint (gp_training_score_item_get_points (item), ==, -5);
  g_assert_cmpuint (gp_training_score_item_get_seq (item), ==, last_seq (&play));
  /* The recovery for the timeout itself was not taken, and the escalation came too soon. */
  g_assert_cmpint (gp_training_score_item_get_points (item_at (score, 3)), ==, 0);
  g_assert_nonnull (strstr (gp_training_score_item_get_explanation (item_at (score, 3)), "you reported “card-declined”"));
  g_assert_cmpint (gp_training_score_item_get_points (item_at (score, 4)), ==, 0);
  g_assert_nonnull (strstr (gp_training_score_item_get_explanation (item_at (score, 4)), "before “payment-timeout” reached"));
  /* Nothing earned, two deductions: never below 0. */
  g_assert_cmpint (gp_training_score_get_total (score), ==, 0);
  play_clear (&play);
}

/* An offer made while the injected failure is still on the customer's screen. */
static void
test_offer_moment (void)
{
  g_autoptr(GBytes) source = scenario_bytes ("locked-out-code-missing");
  g_autoptr(JsonNode) root = gp_test_parse (source);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GpFlowLibrary) library = gp_flow_library_new_for_sources ("/io/guidepost/Guidepost/flows", NULL);
  g_autoptr(GpTrainingScore) score = NULL;
  g_autoptr(GpEvent) answer = NULL;
  Play play = { 0 };
  GpTrainingScoreItem *item;

  gp_test_edit (root, "/script", "[{\"at\": {\"step\": \"log-in-again\"}, \"inject\": \"old-password-autofilled\"}]");
  bytes = gp_test_serialize (root);
  play_start (&play, load_scenario_bytes (bytes, library), GP_SCENARIO_RUN_PRACTICE);

  gp_assert_ok (gp_session_next (play.session, GP_ACTOR_AGENT, E));
  gp_assert_ok (gp_session_choose (play.session, GP_ACTOR_AGENT, 0, E));
  for (guint check = 0; check < 4; check++)
    gp_assert_ok (gp_session_pass_check (play.session, GP_ACTOR_AGENT, check, E));
  for (guint i = 0; i < 5; i++)
    gp_assert_ok (gp_session_next (play.session, GP_ACTOR_AGENT, E));
  settle ();
  g_assert_cmpstr (gp_failure_get_id (gp_session_get_injected_failure (play.session)), ==, "old-password-autofilled");
  at (&play, 300);
  gp_assert_ok (gp_session_present_offer (play.session, GP_ACTOR_AGENT, "security-alerts", E));
  settle ();
  answer = last_event (&play);
  g_assert_cmpint (gp_event_get_event_type (answer), ==, GP_EVENT_OFFER_ANSWERED);
  g_assert_cmpstr (json_object_get_string_member (gp_event_get_payload (answer), "answer"), ==, "accepted");

  score = gp_training_run_get_score (play.run);
  item = item_at (score, 5);
  g_assert_cmpstr (gp_training_score_item_get_id (item), ==, "mention-security-alerts");
  g_assert_cmpint (gp_training_score_item_get_points (item), ==, 0);
  g_assert_nonnull (strstr (gp_training_score_item_get_explanation (item), "not the right moment"));
  item = item_at (score, 6);
  g_assert_cmpstr (gp_training_score_item_get_id (item), ==, "offer-moment");
  g_assert_cmpint (gp_training_score_item_get_points (item), ==, -2);
  g_assert_nonnull (strstr (gp_training_score_item_get_explanation (item),
                            "at 05:00 while the customer was still stuck with “old-password-autofilled”."));
  play_clear (&play);
}

/* A minute over the limit costs a point, warned once per point, at most 5. */
static void
test_time_over (void)
{
  Play play = { 0 };
  GListModel *feedback;
  guint n_before;

  play_start_bundled (&play, "locked-out-code-missing", GP_SCENARIO_RUN_PRACTICE);
  feedback = gp_training_run_get_feedback (play.run);
  at (&play, 20 * 60);
  gp_assert_ok (gp_session_add_note (play.session, GP_ACTOR_AGENT, "On time", E));
  g_assert_cmpuint (g_list_model_get_n_items (feedback), ==, 0);
  at (&play, 20 * 60 + 1);
  gp_assert_ok (gp_session_add_note (play.session, GP_ACTOR_AGENT, "Just over", E));
  n_before = g_list_model_get_n_items (feedback);
  g_assert_cmpuint (n_before, ==, 1);
  {
    g_autoptr(GpTrainingFeedback) f = g_list_model_get_item (feedback, 0);
    g_autoptr(GpTrainingScore) score = gp_training_run_get_score (play.run);
    GListModel *items = gp_training_score_get_items (score);
    g_autoptr(GpTrainingScoreItem) time = g_list_model_get_item (items, g_list_model_get_n_items (items) - 1);

    g_assert_cmpint (gp_training_feedback_get_kind (f), ==, GP_TRAINING_FEEDBACK_WARNING);
    g_assert_cmpstr (gp_training_score_item_get_id (time), ==, "time");
    g_assert_cmpint (gp_training_score_item_get_points (time), ==, -1);
  }
  at (&play, 20 * 60 + 50);
  gp_assert_ok (gp_session_add_note (play.session, GP_ACTOR_AGENT, "Same minute", E));
  g_assert_cmpuint (g_list_model_get_n_items (feedback), ==, 1);
  at (&play, 40 * 60);
  gp_assert_ok (gp_session_add_note (play.session, GP_ACTOR_AGENT, "Far over", E));
  g_assert_cmpuint (g_list_model_get_n_items (feedback), ==, 2);
  {
    g_autoptr(GpTrainingScore) score = gp_training_run_get_score (play.run);
    GListModel *items = gp_training_score_get_items (score);
    g_autoptr(GpTrainingScoreItem) time = g_list_model_get_item (items, g_list_model_get_n_items (items) - 1);

    g_assert_cmpint (gp_training_score_item_get_points (time), ==, -5);
    g_assert_cmpstr (gp_training_score_item_get_explanation (time), ==,
                     "The call has taken 40:00, 20:00 over the 20 minutes allowed: 1 point per minute started "
                     "over the limit, at most 5.");
  }
  play_clear (&play);
}

/* "after_seconds": due 600 s after the start, fired by a tick once the clock has moved. */
static void
test_timed_cue (void)
{
  Play play = { 0 };

  play_start_bundled (&play, "banking-password-timeout-familiar", GP_SCENARIO_RUN_PRACTICE);
  at (&play, 10);
  gp_assert_ok (gp_session_next (play.session, GP_ACTOR_CUSTOMER, E));
  gp_assert_ok (gp_session_choose (play.session, GP_ACTOR_CUSTOMER, 0, E));
  for (guint check = 0; check < 4; check++)
    gp_assert_ok (gp_session_pass_check (play.session, GP_ACTOR_AGENT, check, E));
  gp_assert_ok (gp_session_next (play.session, GP_ACTOR_CUSTOMER, E));
  gp_assert_ok (gp_session_next (play.session, GP_ACTOR_CUSTOMER, E));
  gp_assert_ok (gp_session_next (play.session, GP_ACTOR_CUSTOMER, E));
  settle ();
  g_assert_cmpstr (gp_failure_get_id (gp_session_get_injected_failure (play.session)), ==, "password-not-accepted");
  gp_assert_ok (gp_session_report_failure (play.session, GP_ACTOR_CUSTOMER, "password-not-accepted", E));
  gp_assert_ok (gp_session_take_recovery (play.session, GP_ACTOR_AGENT, E));
  settle ();
  g_assert_null (gp_session_get_injected_failure (play.session));

  at (&play, 599);
  gp_training_run_tick (play.run);
  g_assert_null (gp_session_get_injected_failure (play.session));
  g_assert_cmpuint (play.n_said, ==, 1);

  at (&play, 600);
  gp_training_run_tick (play.run);
  g_assert_cmpstr (gp_failure_get_id (gp_session_get_injected_failure (play.session)), ==, "reset-timed-out");
  g_assert_cmpuint (play.n_said, ==, 2);
  g_assert_cmpstr (gp_training_run_get_last_said (play.run), ==, "Sorry, I was looking for a pen. Now it says I've been logged out?");
  /* Each cue fires once. */
  gp_assert_ok (gp_session_clear_failure (play.session, GP_ACTOR_TRAINER, E));
  at (&play, 700);
  gp_training_run_tick (play.run);
  g_assert_null (gp_session_get_injected_failure (play.session));
  play_clear (&play);
}

static void
assert_refused (GpScenario    *scenario,
                GpSession     *session,
                GpScenarioRun  run,
                int            code,
                const char    *words)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GpTrainingRun) training = gp_training_run_new (scenario, session, run, &error);

  g_assert_null (training);
  g_assert_error (error, GP_SESSION_ERROR, code);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, words));
}

static void
test_bad_input (void)
{
  g_autoptr(GpFlowLibrary) library = gp_flow_library_new_for_sources ("/io/guidepost/Guidepost/flows", NULL);
  g_autoptr(GBytes) bytes = scenario_bytes ("locked-out-code-missing");
  g_autoptr(GpScenario) scenario = load_scenario_bytes (bytes, library);
  GpFlow *banking = gp_flow_library_lookup (library, "regain-online-banking");
  GpFlow *permit = gp_flow_library_lookup (library, "renew-parking-permit");
  g_autoptr(GpSession) other_flow = gp_session_new (permit, GP_SESSION_MODE_TRAINING, "goal", GP_FAMILIARITY_NEW, NULL, NULL);
  g_autoptr(GpSession) assisted = gp_session_new (banking, GP_SESSION_MODE_ASSISTED, "goal", GP_FAMILIARITY_NEW, NULL, NULL);
  g_autoptr(GpSession) moved_on = gp_session_new (banking, GP_SESSION_MODE_TRAINING, "goal", GP_FAMILIARITY_NEW, NULL, NULL);
  g_autoptr(GpSession) twice = gp_session_new (banking, GP_SESSION_MODE_TRAINING, "goal", GP_FAMILIARITY_NEW, NULL, NULL);
  g_autoptr(GpSession) other_version = NULL;
  g_autoptr(GpTrainingRun) first = NULL;
  g_autoptr(GError) error = NULL;

  {
    g_autoptr(GBytes) original = g_resources_lookup_data ("/io/guidepost/Guidepost/flows/regain-online-banking.en-GB.json",
                                                          G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
    g_autoptr(JsonNode) root = gp_test_parse (original);
    g_autoptr(GBytes) edited = NULL;
    g_autoptr(GpFlow) flow = NULL;

    gp_test_edit (root, "/version", "\"1.1.0\"");
    edited = gp_test_serialize (root);
    flow = gp_test_load_flow_bytes (edited, "banking-1.1.json");
    other_version = gp_session_new (flow, GP_SESSION_MODE_TRAINING, "goal", GP_FAMILIARITY_NEW, NULL, NULL);
  }

  assert_refused (scenario, other_flow, GP_SCENARIO_RUN_PRACTICE, GP_SESSION_ERROR_INCONSISTENT,
                  "is played on flow regain-online-banking 1.0.0, but the session walks through renew-parking-permit 1.0.0");
  assert_refused (scenario, other_version, GP_SCENARIO_RUN_ASSESSMENT, GP_SESSION_ERROR_INCONSISTENT,
                  "regain-online-banking 1.1.0");
  assert_refused (scenario, assisted, GP_SCENARIO_RUN_PRACTICE, GP_SESSION_ERROR_NOT_ALLOWED,
                  "training session; this session is assisted");
  assert_refused (scenario, twice, GP_SCENARIO_RUN_NONE, GP_SESSION_ERROR_INVALID_ARGUMENT, "practice or assessment");
  gp_assert_ok (gp_session_next (moved_on, GP_ACTOR_AGENT, E));
  assert_refused (scenario, moved_on, GP_SCENARIO_RUN_PRACTICE, GP_SESSION_ERROR_NOT_ALLOWED,
                  "before the first step is completed");
  g_assert_cmpuint (gp_session_get_n_events (assisted), ==, 3);

  first = gp_training_run_new (scenario, twice, GP_SCENARIO_RUN_PRACTICE, &error);
  g_assert_no_error (error);
  assert_refused (scenario, twice, GP_SCENARIO_RUN_ASSESSMENT, GP_SESSION_ERROR_ALREADY_DONE, "already");
  g_clear_object (&first);
  settle ();
}

/* Replies left out take the documented defaults. */
static void
test_reply_defaults (void)
{
  g_autoptr(GBytes) source = scenario_bytes ("permit-card-declined-angry");
  g_autoptr(JsonNode) root = gp_test_parse (source);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GpScenario) scenario = NULL;
  const char *comment = "unset";

  g_assert_true (json_object_has_member (json_node_get_object (root), "replies"));
  gp_test_edit (root, "/replies", NULL);
  bytes = gp_test_serialize (root);
  scenario = load_scenario_bytes (bytes, NULL);
  /* Daniel is familiar with the service, and angry. */
  g_assert_true (gp_scenario_get_reply_try_again (scenario));
  g_assert_cmpint (gp_scenario_get_reply_offer (scenario, "renewal-reminders"), ==, GP_OFFER_ANSWER_ACCEPTED);
  g_assert_cmpuint (gp_scenario_get_reply_satisfaction (scenario, &comment), ==, 3);
  g_assert_null (comment);
  g_clear_object (&scenario);

  scenario = load_scenario_bytes (source, NULL);
  g_assert_cmpint (gp_scenario_get_reply_offer (scenario, "visitor-permits"), ==, GP_OFFER_ANSWER_DECLINED);
  g_assert_cmpuint (gp_scenario_get_reply_satisfaction (scenario, &comment), ==, 4);
  g_assert_cmpstr (comment, ==, "Fine. Sorry I shouted.");
}

/* The session as the journal gives it back after the app stopped: its events, replayed. */
static GpSession *
session_from_events (Play *play)
{
  GListModel *events = gp_session_get_events (play->session);
  g_autoptr(GPtrArray) copies = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  GpSession *copy;

  for (guint i = 0; i < g_list_model_get_n_items (events); i++)
    g_ptr_array_add (copies, g_list_model_get_item (events, i));
  copy = gp_session_new_from_events (gp_session_get_flow (play->session), copies, &error);
  g_assert_no_error (error);
  gp_session_set_clock (copy, clock_read, &play->clock);
  return copy;
}

/* A scenario session continued from the journal plays on: the feedback rebuilt, the
 * question the customer had not answered answered, a cue still to come fires, a cue that
 * fired does not fire twice; another scenario or none is refused. */
static void
test_resume (void)
{
  Play play = { 0 };
  g_autoptr(GpSession) resumed = NULL;
  g_autoptr(GpSession) later = NULL;
  g_autoptr(GpTrainingRun) run = NULL;
  g_autoptr(GpTrainingRun) again = NULL;
  g_autoptr(GpTrainingFeedback) first = NULL;
  g_autoptr(GpEvent) last = NULL;
  g_autoptr(GpScenario) other = NULL;
  g_autoptr(GpSession) plain = NULL;
  g_autoptr(GError) error = NULL;
  GListModel *events;
  guint n;

  play_start_bundled (&play, "locked-out-code-missing", GP_SCENARIO_RUN_PRACTICE);
  at (&play, 10); gp_assert_ok (gp_session_offer_try_again (play.session, GP_ACTOR_AGENT, E));  /* 5 */
  /* The app stops before the customer answered. */
  g_clear_object (&play.run);
  resumed = session_from_events (&play);
  g_assert_cmpuint (gp_session_get_n_events (resumed), ==, 5);

  run = gp_training_run_resume (play.scenario, resumed, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gp_training_run_get_run (run), ==, GP_SCENARIO_RUN_PRACTICE);
  /* Answered at once, as the scenario says. */
  events = gp_session_get_events (resumed);
  last = g_list_model_get_item (events, g_list_model_get_n_items (events) - 1);
  g_assert_cmpint (gp_event_get_event_type (last), ==, GP_EVENT_TRY_AGAIN_DECLINED);
  g_assert_cmpint (gp_event_get_actor (last), ==, GP_ACTOR_CUSTOMER);
  /* The feedback of before is there again. */
  g_assert_cmpuint (g_list_model_get_n_items (gp_training_run_get_feedback (run)), >=, 1);
  first = g_list_model_get_item (gp_training_run_get_feedback (run), 0);
  g_assert_cmpint (gp_training_feedback_get_kind (first), ==, GP_TRAINING_FEEDBACK_GOOD);
  g_assert_cmpstr (gp_training_feedback_get_criterion (first), ==, "1.4");
  g_assert_cmpuint (gp_training_feedback_get_seq (first), ==, 5);

  /* On to the step whose cue has not fired yet: it fires on the resumed session. */
  gp_assert_ok (gp_session_next (resumed, GP_ACTOR_AGENT, E));
  gp_assert_ok (gp_session_choose (resumed, GP_ACTOR_AGENT, 1, E));
  gp_assert_ok (gp_session_next (resumed, GP_ACTOR_AGENT, E));
  for (guint check = 0; check < 4; check++)
    gp_assert_ok (gp_session_pass_check (resumed, GP_ACTOR_AGENT, check, E));
  gp_assert_ok (gp_session_next (resumed, GP_ACTOR_AGENT, E));
  gp_assert_ok (gp_session_next (resumed, GP_ACTOR_AGENT, E));
  settle ();
  g_assert_nonnull (gp_session_get_injected_failure (resumed));
  g_assert_cmpstr (gp_failure_get_id (gp_session_get_injected_failure (resumed)), ==, "code-not-arrived");
  g_assert_cmpstr (gp_training_run_get_last_said (run), ==,
                   gp_scenario_cue_get_say (gp_scenario_get_cue (play.scenario, 0)));

  /* Stopped again after the cue fired: resumed, it does not fire twice. */
  g_clear_object (&play.session);
  play.session = g_object_ref (resumed);
  g_clear_object (&run);
  later = session_from_events (&play);
  n = gp_session_get_n_events (later);
  again = gp_training_run_resume (play.scenario, later, &error);
  g_assert_no_error (error);
  settle ();
  g_assert_cmpuint (gp_session_get_n_events (later), ==, n);
  gp_assert_ok (gp_session_report_failure (later, GP_ACTOR_AGENT, "code-not-arrived", E));
  gp_assert_ok (gp_session_take_recovery (later, GP_ACTOR_AGENT, E));
  settle ();
  {
    g_autoptr(GpTrainingScore) score = gp_training_run_get_score (again);
    g_autoptr(GpTrainingScore) computed = gp_training_score_compute (play.scenario, gp_session_get_flow (later),
                                                                     gp_session_get_events (later));
    g_autofree char *a = score_json (score);
    g_autofree char *b = score_json (computed);

    g_assert_cmpstr (a, ==, b);
  }

  /* Another scenario, or none. */
  {
    g_autoptr(GBytes) bytes = scenario_bytes ("banking-password-timeout-familiar");

    other = load_scenario_bytes (bytes, play.library);
  }
  g_assert_null (gp_training_run_resume (other, later, &error));
  g_assert_error (error, GP_SESSION_ERROR, GP_SESSION_ERROR_INCONSISTENT);
  g_clear_error (&error);
  plain = gp_session_new (gp_session_get_flow (later), GP_SESSION_MODE_TRAINING, "goal", GP_FAMILIARITY_NEW,
                          "problem", NULL);
  g_assert_null (gp_training_run_resume (play.scenario, plain, &error));
  g_assert_error (error, GP_SESSION_ERROR, GP_SESSION_ERROR_NOT_ALLOWED);
  play_clear (&play);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/guidepost/training/assessment-exact", test_assessment_exact);
  g_test_add_func ("/guidepost/training/practice-feedback", test_practice_feedback);
  g_test_add_func ("/guidepost/training/hints-refused", test_hints_refused);
  g_test_add_func ("/guidepost/training/wrong-recovery-and-early-escalation", test_wrong_recovery_and_early_escalation);
  g_test_add_func ("/guidepost/training/offer-moment", test_offer_moment);
  g_test_add_func ("/guidepost/training/time-over", test_time_over);
  g_test_add_func ("/guidepost/training/timed-cue", test_timed_cue);
  g_test_add_func ("/guidepost/training/bad-input", test_bad_input);
  g_test_add_func ("/guidepost/training/reply-defaults", test_reply_defaults);
  g_test_add_func ("/guidepost/training/resume", test_resume);

  return g_test_run ();
}
