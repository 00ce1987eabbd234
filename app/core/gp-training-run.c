/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>

#include <guidepost/gp-event.h>
#include <guidepost/gp-flow.h>
#include <guidepost/gp-step.h>

#include "gp-session-private.h"
#include "gp-training-private.h"

/* A trainee playing a scenario (docs/scenario-format.md, "Playing a scenario").  The run
 * never records from inside the session's ::event-applied: other handlers of the same
 * emission would then see the events out of order, and an action made of several events
 * (next: step-completed, step-entered) would find its second event already recorded.  It
 * notes what happened and answers from an idle source of the main context it was created
 * in. */

struct _GpTrainingRun
{
  GObject          parent_instance;
  GpScenario      *scenario;
  GpSession       *session;
  GpScenarioRun    run;
  GListStore      *feedback;
  char            *last_said;
  GpTrainingScore *score;
  gulong           applied_id;
  GMainContext    *context;
  GSource         *idle;
  GSource         *timer;
  guint            processed;   /* events the idle has reacted to */
  GHashTable      *arrivals;    /* step id → times entered */
  gboolean        *fired;       /* per cue */
  gint64           start_mono;  /* of the scenario-started event */
  gboolean         resuming;    /* reading back the events of a resumed session */
};

enum {
  PROP_0,
  PROP_SCORE,
  PROP_LAST_SAID,
  N_PROPS
};

enum {
  CUSTOMER_SAID,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (GpTrainingRun, gp_training_run, G_TYPE_OBJECT)

static void
gp_training_run_dispose (GObject *object)
{
  GpTrainingRun *self = GP_TRAINING_RUN (object);

  if (self->idle != NULL)
    g_source_destroy (self->idle);
  g_clear_pointer (&self->idle, g_source_unref);
  if (self->timer != NULL)
    g_source_destroy (self->timer);
  g_clear_pointer (&self->timer, g_source_unref);
  g_clear_signal_handler (&self->applied_id, self->session);
  g_clear_object (&self->session);
  g_clear_object (&self->scenario);
  g_clear_object (&self->score);

  G_OBJECT_CLASS (gp_training_run_parent_class)->dispose (object);
}

static void
gp_training_run_finalize (GObject *object)
{
  GpTrainingRun *self = GP_TRAINING_RUN (object);

  g_clear_object (&self->feedback);
  g_clear_pointer (&self->arrivals, g_hash_table_unref);
  g_clear_pointer (&self->context, g_main_context_unref);
  g_free (self->fired);
  g_free (self->last_said);

  G_OBJECT_CLASS (gp_training_run_parent_class)->finalize (object);
}

static void
gp_training_run_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  GpTrainingRun *self = GP_TRAINING_RUN (object);

  switch (prop_id)
    {
    case PROP_SCORE:
      g_value_set_object (value, self->score);
      break;
    case PROP_LAST_SAID:
      g_value_set_string (value, self->last_said);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gp_training_run_class_init (GpTrainingRunClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = gp_training_run_dispose;
  object_class->finalize = gp_training_run_finalize;
  object_class->get_property = gp_training_run_get_property;

  /* The score so far (practice) or at the end (assessment); NULL before. */
  properties[PROP_SCORE] = g_param_spec_object ("score", NULL, NULL, GP_TYPE_TRAINING_SCORE, ro);
  properties[PROP_LAST_SAID] = g_param_spec_string ("last-said", NULL, NULL, NULL, ro);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* The scripted customer says a cue's line. */
  signals[CUSTOMER_SAID] = g_signal_new ("customer-said", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                         0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
gp_training_run_init (GpTrainingRun *self)
{
  self->feedback = g_list_store_new (GP_TYPE_TRAINING_FEEDBACK);
  self->arrivals = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

static void
add_feedback (GpTrainingRun          *self,
              GpTrainingFeedbackKind  kind,
              GpTrainingScoreItem    *item,
              guint64                 seq)
{
  g_autoptr(GpTrainingFeedback) feedback =
    gp_training_feedback_new (kind, gp_training_score_item_get_explanation (item),
                              gp_training_score_item_get_criterion (item), seq);

  g_list_store_append (self->feedback, feedback);
}

/* Practice: what changed with one event.  Practice items keep their place in the score;
 * deductions are matched by id (more of them, or other points). */
static void
feedback_between (GpTrainingRun   *self,
                  GpTrainingScore *before,
                  GpTrainingScore *after,
                  guint64          seq)
{
  GListModel *old_items = gp_training_score_get_items (before);
  GListModel *new_items = gp_training_score_get_items (after);
  guint n_new = g_list_model_get_n_items (new_items);

  for (guint i = 0; i < n_new; i++)
    {
      g_autoptr(GpTrainingScoreItem) item = g_list_model_get_item (new_items, i);
      GpScoreItemStatus status = gp_training_score_item_get_status (item);
      const char *id = gp_training_score_item_get_id (item);
      int old_points = 0, new_points = 0;
      guint old_count = 0, new_count = 0;
      gboolean last_of_id = TRUE;

      if (status != GP_SCORE_ITEM_DEDUCTION)
        {
          g_autoptr(GpTrainingScoreItem) old = g_list_model_get_item (old_items, i);
          GpScoreItemStatus was = gp_training_score_item_get_status (old);

          if (status == GP_SCORE_ITEM_GIVEN && was != GP_SCORE_ITEM_GIVEN)
            add_feedback (self, GP_TRAINING_FEEDBACK_GOOD, item, seq);
          else if (status == GP_SCORE_ITEM_MISSED && was == GP_SCORE_ITEM_NOT_YET)
            add_feedback (self, GP_TRAINING_FEEDBACK_MISSED, item, seq);
          continue;
        }

      for (guint k = i + 1; k < n_new && last_of_id; k++)
        {
          g_autoptr(GpTrainingScoreItem) later = g_list_model_get_item (new_items, k);

          last_of_id = g_strcmp0 (gp_training_score_item_get_id (later), id) != 0;
        }
      if (!last_of_id)
        continue;
      for (guint k = 0; k < g_list_model_get_n_items (old_items); k++)
        {
          g_autoptr(GpTrainingScoreItem) old = g_list_model_get_item (old_items, k);

          if (gp_training_score_item_get_status (old) == GP_SCORE_ITEM_DEDUCTION &&
              g_strcmp0 (gp_training_score_item_get_id (old), id) == 0)
            {
              old_count++;
              old_points += gp_training_score_item_get_points (old);
            }
        }
      for (guint k = 0; k <= i; k++)
        {
          g_autoptr(GpTrainingScoreItem) same = g_list_model_get_item (new_items, k);

          if (gp_training_score_item_get_status (same) == GP_SCORE_ITEM_DEDUCTION &&
              g_strcmp0 (gp_training_score_item_get_id (same), id) == 0)
            {
              new_count++;
              new_points += gp_training_score_item_get_points (same);
            }
        }
      /* The new ones of this id, in order. */
      for (guint k = 0, nth = 0; k <= i && (new_count > old_count || new_points != old_points); k++)
        {
          g_autoptr(GpTrainingScoreItem) same = g_list_model_get_item (new_items, k);

          if (gp_training_score_item_get_status (same) != GP_SCORE_ITEM_DEDUCTION ||
              g_strcmp0 (gp_training_score_item_get_id (same), id) != 0)
            continue;
          if (nth++ >= old_count || (new_count == old_count && k == i))
            add_feedback (self, GP_TRAINING_FEEDBACK_WARNING, same, seq);
        }
    }
}

/* Assessment: everything at once, at the end. */
static void
feedback_at_end (GpTrainingRun   *self,
                 GpTrainingScore *score,
                 guint64          seq)
{
  GListModel *items = gp_training_score_get_items (score);

  for (guint i = 0; i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr(GpTrainingScoreItem) item = g_list_model_get_item (items, i);
      GpScoreItemStatus status = gp_training_score_item_get_status (item);

      add_feedback (self, status == GP_SCORE_ITEM_GIVEN ? GP_TRAINING_FEEDBACK_GOOD
                        : status == GP_SCORE_ITEM_DEDUCTION ? GP_TRAINING_FEEDBACK_WARNING
                        : GP_TRAINING_FEEDBACK_MISSED, item, seq);
    }
}

static GpTrainingScore *
compute (GpTrainingRun *self)
{
  return gp_training_score_compute (self->scenario, gp_session_get_flow (self->session),
                                    gp_session_get_events (self->session));
}

static void
say (GpTrainingRun *self,
     const char    *text)
{
  if (text == NULL)
    return;
  g_free (self->last_said);
  self->last_said = g_strdup (text);
  g_signal_emit (self, signals[CUSTOMER_SAID], 0, text);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAST_SAID]);
}

static gboolean
inject (GpTrainingRun *self,
        guint          index)
{
  GpScenarioCue *cue = gp_scenario_get_cue (self->scenario, index);
  g_autoptr(GError) error = NULL;

  if (!gp_session_inject_failure (self->session, GP_ACTOR_TRAINER, gp_scenario_cue_get_failure_id (cue), &error))
    {
      g_debug ("Scenario %s: cue %u not injected: %s", gp_scenario_get_id (self->scenario), index, error->message);
      return FALSE;
    }
  self->fired[index] = TRUE;
  say (self, gp_scenario_cue_get_say (cue));
  return TRUE;
}

static gint64
session_now (GpTrainingRun *self)
{
  gint64 wall, mono;

  self->session->clock (self->session->clock_data, &wall, &mono);
  return mono;
}

/* Timed cues: due, and the session at a step that has the failure, with nothing injected. */
static void
check_timed_cues (GpTrainingRun *self)
{
  GpStep *step = gp_session_get_current_step (self->session);
  gboolean waiting = FALSE;
  gint64 now;

  if (gp_session_get_ended (self->session) || step == NULL)
    goto done;
  now = session_now (self);
  for (guint c = 0; c < gp_scenario_get_n_cues (self->scenario); c++)
    {
      GpScenarioCue *cue = gp_scenario_get_cue (self->scenario, c);
      double after = gp_scenario_cue_get_after_seconds (cue);

      if (self->fired[c] || after < 0)
        continue;
      waiting = TRUE;
      if (now - self->start_mono < (gint64) (after * G_USEC_PER_SEC) ||
          gp_step_lookup_failure (step, gp_scenario_cue_get_failure_id (cue)) == NULL ||
          gp_session_get_injected_failure (self->session) != NULL)
        continue;
      inject (self, c);
    }
done:
  if (!waiting || gp_session_get_ended (self->session))
    {
      if (self->timer != NULL)
        g_source_destroy (self->timer);
      g_clear_pointer (&self->timer, g_source_unref);
    }
}

/* The n-th cue at a step fires on the n-th arrival there, if the session is still there. */
static void
arrived (GpTrainingRun *self,
         const char    *step_id,
         gboolean       still_there)
{
  guint n = GPOINTER_TO_UINT (g_hash_table_lookup (self->arrivals, step_id)) + 1;
  guint nth = 0;

  g_hash_table_insert (self->arrivals, g_strdup (step_id), GUINT_TO_POINTER (n));
  for (guint c = 0; c < gp_scenario_get_n_cues (self->scenario); c++)
    {
      GpScenarioCue *cue = gp_scenario_get_cue (self->scenario, c);

      if (g_strcmp0 (gp_scenario_cue_get_step_id (cue), step_id) != 0 || ++nth != n)
        continue;
      /* Resumed: it fired, or was skipped, before. */
      if (still_there && !self->resuming)
        inject (self, c);
      else if (!self->resuming)
        g_debug ("Scenario %s: cue %u skipped: the session left “%s” at once",
                 gp_scenario_get_id (self->scenario), c, step_id);
      self->fired[c] = TRUE;
      break;
    }
}

static void
answer (GpTrainingRun *self,
        GpEvent       *event)
{
  JsonObject *payload = gp_event_get_payload (event);
  g_autoptr(GError) error = NULL;
  gboolean ok = TRUE;

  if (gp_event_get_event_type (event) == GP_EVENT_TRY_AGAIN_OFFERED)
    ok = gp_session_answer_try_again (self->session, GP_ACTOR_CUSTOMER,
                                      gp_scenario_get_reply_try_again (self->scenario), &error);
  else
    {
      const char *step_id = json_object_get_string_member (payload, "step");
      const char *offer_id = json_object_get_string_member (payload, "offer");
      gboolean answered = FALSE;

      if (gp_session_get_offer_state (self->session, step_id, offer_id, &answered, NULL) && !answered)
        ok = gp_session_answer_offer (self->session, GP_ACTOR_CUSTOMER, step_id, offer_id,
                                      gp_scenario_get_reply_offer (self->scenario, offer_id), &error);
    }
  if (!ok)
    g_debug ("Scenario %s: the customer could not answer: %s", gp_scenario_get_id (self->scenario), error->message);
}

static gboolean
later_step_entered (GListModel *events,
                    guint       after)
{
  for (guint k = after + 1; k < g_list_model_get_n_items (events); k++)
    {
      g_autoptr(GpEvent) event = g_list_model_get_item (events, k);

      if (gp_event_get_event_type (event) == GP_EVENT_STEP_ENTERED)
        return TRUE;
    }
  return FALSE;
}

/* Whether the try-again offer or offer presented at @index was answered afterwards. */
static gboolean
answered_later (GListModel *events,
                guint       index)
{
  g_autoptr(GpEvent) asked = g_list_model_get_item (events, index);
  JsonObject *question = gp_event_get_payload (asked);
  gboolean try_again = gp_event_get_event_type (asked) == GP_EVENT_TRY_AGAIN_OFFERED;

  for (guint k = index + 1; k < g_list_model_get_n_items (events); k++)
    {
      g_autoptr(GpEvent) event = g_list_model_get_item (events, k);
      GpEventType type = gp_event_get_event_type (event);
      JsonObject *payload = gp_event_get_payload (event);

      if (try_again && (type == GP_EVENT_TRY_AGAIN_ACCEPTED || type == GP_EVENT_TRY_AGAIN_DECLINED))
        return TRUE;
      if (!try_again && type == GP_EVENT_OFFER_ANSWERED &&
          g_strcmp0 (json_object_get_string_member (payload, "offer"),
                     json_object_get_string_member (question, "offer")) == 0 &&
          g_strcmp0 (json_object_get_string_member (payload, "step"),
                     json_object_get_string_member (question, "step")) == 0)
        return TRUE;
    }
  return FALSE;
}

/* Resumed: a timed cue for @failure_id that was due by @when has fired. */
static void
timed_cue_fired (GpTrainingRun *self,
                 const char    *failure_id,
                 gint64         when)
{
  for (guint c = 0; c < gp_scenario_get_n_cues (self->scenario); c++)
    {
      GpScenarioCue *cue = gp_scenario_get_cue (self->scenario, c);
      double after = gp_scenario_cue_get_after_seconds (cue);

      if (!self->fired[c] && after >= 0 && g_strcmp0 (gp_scenario_cue_get_failure_id (cue), failure_id) == 0 &&
          when - self->start_mono >= (gint64) (after * G_USEC_PER_SEC))
        {
          self->fired[c] = TRUE;
          return;
        }
    }
}

static void
react (GpTrainingRun *self)
{
  GListModel *events = gp_session_get_events (self->session);

  /* Answering records events: the list grows while this runs. */
  while (self->processed < g_list_model_get_n_items (events))
    {
      guint i = self->processed++;
      g_autoptr(GpEvent) event = g_list_model_get_item (events, i);
      JsonObject *payload = gp_event_get_payload (event);

      switch (gp_event_get_event_type (event))
        {
        case GP_EVENT_STEP_ENTERED:
          arrived (self, json_object_get_string_member (payload, "step"),
                   !gp_session_get_ended (self->session) && !later_step_entered (events, i));
          break;
        case GP_EVENT_TRY_AGAIN_OFFERED:
        case GP_EVENT_OFFER_PRESENTED:
          /* Resumed: only what the customer had not answered yet. */
          if (!gp_session_get_ended (self->session) && !(self->resuming && answered_later (events, i)))
            answer (self, event);
          break;
        case GP_EVENT_FAILURE_INJECTED:
          if (self->resuming)
            timed_cue_fired (self, json_object_get_string_member (payload, "failure"),
                             gp_event_get_monotonic_time (event));
          break;
        default:
          break;
        }
    }
  check_timed_cues (self);
}

static gboolean
idle_cb (gpointer user_data)
{
  GpTrainingRun *self = user_data;

  g_clear_pointer (&self->idle, g_source_unref);
  react (self);
  return G_SOURCE_REMOVE;
}

static void
schedule (GpTrainingRun *self)
{
  if (self->idle != NULL)
    return;
  self->idle = g_idle_source_new ();
  g_source_set_priority (self->idle, G_PRIORITY_DEFAULT);
  g_source_set_callback (self->idle, idle_cb, self, NULL);
  g_source_set_static_name (self->idle, "[guidepost] scenario customer");
  g_source_attach (self->idle, self->context);
}

static gboolean
timer_cb (gpointer user_data)
{
  gp_training_run_tick (user_data);
  return G_SOURCE_CONTINUE;
}

static void
on_event_applied (GpSession *session,
                  GpEvent   *event,
                  gpointer   user_data)
{
  GpTrainingRun *self = user_data;
  g_autoptr(GpTrainingScore) score = NULL;
  gboolean ended = gp_event_get_event_type (event) == GP_EVENT_ENDED;

  schedule (self);
  if (self->run == GP_SCENARIO_RUN_ASSESSMENT && !ended)
    return;

  /* Computing the score only reads the events: safe inside the emission. */
  score = compute (self);
  if (self->run == GP_SCENARIO_RUN_PRACTICE && self->score != NULL)
    feedback_between (self, self->score, score, gp_event_get_seq (event));
  else if (self->run == GP_SCENARIO_RUN_ASSESSMENT)
    feedback_at_end (self, score, gp_event_get_seq (event));
  g_set_object (&self->score, score);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SCORE]);
}

static gboolean
check_flow (GpScenario  *scenario,
            GpFlow      *flow,
            GError     **error)
{
  if (g_strcmp0 (gp_flow_get_id (flow), gp_scenario_get_flow_id (scenario)) != 0 ||
      g_strcmp0 (gp_flow_get_version (flow), gp_scenario_get_flow_version (scenario)) != 0)
    {
      g_set_error (error, GP_SESSION_ERROR, GP_SESSION_ERROR_INCONSISTENT,
                   "scenario “%s” is played on flow %s %s, but the session walks through %s %s",
                   gp_scenario_get_id (scenario), gp_scenario_get_flow_id (scenario),
                   gp_scenario_get_flow_version (scenario), gp_flow_get_id (flow), gp_flow_get_version (flow));
      return FALSE;
    }
  return TRUE;
}

/* What a new run and a resumed one share: @started is the session's scenario-started. */
static GpTrainingRun *
training_run_attach (GpScenario    *scenario,
                     GpSession     *session,
                     GpScenarioRun  run,
                     GpEvent       *started)
{
  GpTrainingRun *self = g_object_new (GP_TYPE_TRAINING_RUN, NULL);
  gboolean timed = FALSE;

  self->scenario = g_object_ref (scenario);
  self->session = g_object_ref (session);
  self->run = run;
  self->context = g_main_context_ref_thread_default ();
  self->fired = g_new0 (gboolean, gp_scenario_get_n_cues (scenario));
  self->start_mono = gp_event_get_monotonic_time (started);
  for (guint c = 0; c < gp_scenario_get_n_cues (scenario); c++)
    timed |= gp_scenario_cue_get_after_seconds (gp_scenario_get_cue (scenario, c)) >= 0;
  if (timed)
    {
      self->timer = g_timeout_source_new_seconds (1);
      g_source_set_callback (self->timer, timer_cb, self, NULL);
      g_source_set_static_name (self->timer, "[guidepost] scenario timed cues");
      g_source_attach (self->timer, self->context);
    }
  return self;
}

GpTrainingRun *
gp_training_run_new (GpScenario     *scenario,
                     GpSession      *session,
                     GpScenarioRun   run,
                     GError        **error)
{
  g_autoptr(GpTrainingRun) self = NULL;
  g_autoptr(GpEvent) started = NULL;
  GListModel *events;
  GpFlow *flow;
  gboolean hints_allowed;

  g_return_val_if_fail (GP_IS_SCENARIO (scenario), NULL);
  g_return_val_if_fail (GP_IS_SESSION (session), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  flow = gp_session_get_flow (session);
  if (run != GP_SCENARIO_RUN_PRACTICE && run != GP_SCENARIO_RUN_ASSESSMENT)
    {
      g_set_error (error, GP_SESSION_ERROR, GP_SESSION_ERROR_INVALID_ARGUMENT,
                   "a scenario is played as practice or assessment");
      return NULL;
    }
  if (gp_session_get_mode (session) != GP_SESSION_MODE_TRAINING)
    {
      g_set_error (error, GP_SESSION_ERROR, GP_SESSION_ERROR_NOT_ALLOWED,
                   "scenario “%s” is played in a training session; this session is %s",
                   gp_scenario_get_id (scenario), gp_session_mode_to_string (gp_session_get_mode (session)));
      return NULL;
    }
  if (!check_flow (scenario, flow, error))
    return NULL;

  /* Practice is for learning: hints always allowed (each still costs a point); an
   * assessment follows the scenario. */
  hints_allowed = run == GP_SCENARIO_RUN_PRACTICE ? TRUE : gp_scenario_get_hints_allowed (scenario);
  if (!gp_session_start_scenario (session, GP_ACTOR_TRAINER, gp_scenario_get_id (scenario),
                                  gp_scenario_get_version (scenario), run, hints_allowed, error))
    return NULL;

  events = gp_session_get_events (session);
  started = g_list_model_get_item (events, g_list_model_get_n_items (events) - 1);
  self = training_run_attach (scenario, session, run, started);
  if (run == GP_SCENARIO_RUN_PRACTICE)
    self->score = compute (self);
  self->applied_id = g_signal_connect (session, "event-applied", G_CALLBACK (on_event_applied), self);
  /* A cue at the start step fires on the arrival that has already happened. */
  schedule (self);
  return g_steal_pointer (&self);
}

GpTrainingRun *
gp_training_run_resume (GpScenario  *scenario,
                        GpSession   *session,
                        GError     **error)
{
  g_autoptr(GpTrainingRun) self = NULL;
  g_autoptr(GpEvent) started = NULL;
  g_autoptr(GListStore) prefix = NULL;
  g_autoptr(GpTrainingScore) before = NULL;
  GListModel *events;
  JsonObject *payload;
  GpScenarioRun run;
  guint n, first = 0;

  g_return_val_if_fail (GP_IS_SCENARIO (scenario), NULL);
  g_return_val_if_fail (GP_IS_SESSION (session), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  events = gp_session_get_events (session);
  n = g_list_model_get_n_items (events);
  for (guint i = 0; i < n && started == NULL; i++)
    {
      g_autoptr(GpEvent) event = g_list_model_get_item (events, i);

      if (gp_event_get_event_type (event) == GP_EVENT_SCENARIO_STARTED)
        {
          started = g_steal_pointer (&event);
          first = i;
        }
    }
  if (started == NULL)
    {
      g_set_error (error, GP_SESSION_ERROR, GP_SESSION_ERROR_NOT_ALLOWED,
                   "session %s plays no scenario", gp_session_get_id (session));
      return NULL;
    }
  payload = gp_event_get_payload (started);
  if (g_strcmp0 (json_object_get_string_member (payload, "scenario"), gp_scenario_get_id (scenario)) != 0 ||
      g_strcmp0 (json_object_get_string_member (payload, "version"), gp_scenario_get_version (scenario)) != 0)
    {
      g_set_error (error, GP_SESSION_ERROR, GP_SESSION_ERROR_INCONSISTENT,
                   "session %s plays scenario %s %s, not %s %s", gp_session_get_id (session),
                   json_object_get_string_member (payload, "scenario"),
                   json_object_get_string_member (payload, "version"),
                   gp_scenario_get_id (scenario), gp_scenario_get_version (scenario));
      return NULL;
    }
  if (!check_flow (scenario, gp_session_get_flow (session), error))
    return NULL;
  /* The session checked the payload when the event was applied. */
  gp_scenario_run_from_string (json_object_get_string_member (payload, "run"), &run);

  self = training_run_attach (scenario, session, run, started);

  /* The feedback and score as they were, event by event; an assessment says nothing
   * until the end. */
  prefix = g_list_store_new (GP_TYPE_EVENT);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GpEvent) event = g_list_model_get_item (events, i);
      g_autoptr(GpTrainingScore) score = NULL;

      g_list_store_append (prefix, event);
      if (i < first || run != GP_SCENARIO_RUN_PRACTICE)
        continue;
      score = gp_training_score_compute (scenario, gp_session_get_flow (session), G_LIST_MODEL (prefix));
      if (before != NULL)
        feedback_between (self, before, score, gp_event_get_seq (event));
      g_set_object (&before, score);
    }
  if (run == GP_SCENARIO_RUN_PRACTICE)
    self->score = g_steal_pointer (&before);
  else if (gp_session_get_ended (session))
    {
      g_autoptr(GpEvent) last = g_list_model_get_item (events, n - 1);

      self->score = compute (self);
      feedback_at_end (self, self->score, gp_event_get_seq (last));
    }

  self->applied_id = g_signal_connect (session, "event-applied", G_CALLBACK (on_event_applied), self);
  /* The script where it was: cues that fired stay fired, questions the customer had not
   * answered yet are answered now. */
  self->resuming = TRUE;
  react (self);
  self->resuming = FALSE;
  return g_steal_pointer (&self);
}

GpScenario *
gp_training_run_get_scenario (GpTrainingRun *self)
{
  g_return_val_if_fail (GP_IS_TRAINING_RUN (self), NULL);
  return self->scenario;
}

GpSession *
gp_training_run_get_session (GpTrainingRun *self)
{
  g_return_val_if_fail (GP_IS_TRAINING_RUN (self), NULL);
  return self->session;
}

GpScenarioRun
gp_training_run_get_run (GpTrainingRun *self)
{
  g_return_val_if_fail (GP_IS_TRAINING_RUN (self), GP_SCENARIO_RUN_NONE);
  return self->run;
}

GListModel *
gp_training_run_get_feedback (GpTrainingRun *self)
{
  g_return_val_if_fail (GP_IS_TRAINING_RUN (self), NULL);
  return G_LIST_MODEL (self->feedback);
}

const char *
gp_training_run_get_last_said (GpTrainingRun *self)
{
  g_return_val_if_fail (GP_IS_TRAINING_RUN (self), NULL);
  return self->last_said;
}

guint
gp_training_run_get_satisfaction_reply (GpTrainingRun  *self,
                                        const char    **comment)
{
  g_return_val_if_fail (GP_IS_TRAINING_RUN (self), 0);
  return gp_scenario_get_reply_satisfaction (self->scenario, comment);
}

GpTrainingScore *
gp_training_run_get_score (GpTrainingRun *self)
{
  g_return_val_if_fail (GP_IS_TRAINING_RUN (self), NULL);
  return self->score != NULL ? g_object_ref (self->score) : NULL;
}

void
gp_training_run_tick (GpTrainingRun *self)
{
  g_return_if_fail (GP_IS_TRAINING_RUN (self));
  if (self->session != NULL)
    check_timed_cues (self);
}
