/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>

#include <guidepost/gp-failure.h>
#include <guidepost/gp-offer.h>
#include <guidepost/gp-choice.h>

#include "gp-session-private.h"

G_DEFINE_FINAL_TYPE (GpSession, gp_session, G_TYPE_OBJECT)
G_DEFINE_QUARK (gp-session-error-quark, gp_session_error)

G_DEFINE_ENUM_TYPE (GpSessionMode, gp_session_mode,
  G_DEFINE_ENUM_VALUE (GP_SESSION_MODE_ASSISTED, "assisted"),
  G_DEFINE_ENUM_VALUE (GP_SESSION_MODE_SELF_SERVICE, "self-service"),
  G_DEFINE_ENUM_VALUE (GP_SESSION_MODE_TRAINING, "training"))

G_DEFINE_ENUM_TYPE (GpFamiliarity, gp_familiarity,
  G_DEFINE_ENUM_VALUE (GP_FAMILIARITY_NEW, "new"),
  G_DEFINE_ENUM_VALUE (GP_FAMILIARITY_FAMILIAR, "familiar"))

G_DEFINE_ENUM_TYPE (GpOutcome, gp_outcome,
  G_DEFINE_ENUM_VALUE (GP_OUTCOME_NONE, "none"),
  G_DEFINE_ENUM_VALUE (GP_OUTCOME_COMPLETED, "completed"),
  G_DEFINE_ENUM_VALUE (GP_OUTCOME_ESCALATED, "escalated"),
  G_DEFINE_ENUM_VALUE (GP_OUTCOME_ABANDONED, "abandoned"))

enum {
  PROP_0,
  PROP_ID,
  PROP_FLOW,
  PROP_MODE,
  PROP_CURRENT_STEP,
  PROP_DRIVER,
  PROP_ENDED,
  PROP_OUTCOME,
  PROP_N_EVENTS,
  PROP_N_UNSAVED_EVENTS,
  PROP_SINK,
  N_PROPS
};

enum {
  EVENT_APPLIED,
  SINK_ERROR,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static const char * const mode_names[] = { "assisted", "self-service", "training" };

const char *
gp_session_mode_to_string (GpSessionMode mode)
{
  g_return_val_if_fail ((guint) mode < G_N_ELEMENTS (mode_names), NULL);
  return mode_names[mode];
}

gboolean
gp_session_mode_from_string (const char    *text,
                             GpSessionMode *mode)
{
  g_return_val_if_fail (mode != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (mode_names); i++)
    if (g_strcmp0 (text, mode_names[i]) == 0)
      {
        *mode = (GpSessionMode) i;
        return TRUE;
      }
  return FALSE;
}

const char *
gp_familiarity_to_string (GpFamiliarity familiarity)
{
  g_return_val_if_fail (familiarity <= GP_FAMILIARITY_FAMILIAR, NULL);
  return familiarity == GP_FAMILIARITY_NEW ? "new" : "familiar";
}

const char *
gp_offer_answer_to_string (GpOfferAnswer answer)
{
  static const char * const names[] = { "accepted", "declined", "later" };

  g_return_val_if_fail ((guint) answer < G_N_ELEMENTS (names), NULL);
  return names[answer];
}

static void
gp_session_dispose (GObject *object)
{
  GpSession *self = GP_SESSION (object);

  g_clear_object (&self->sink);
  if (self->event_store != NULL)
    g_list_store_remove_all (self->event_store);
  g_clear_object (&self->event_store);

  G_OBJECT_CLASS (gp_session_parent_class)->dispose (object);
}

static void
gp_session_finalize (GObject *object)
{
  GpSession *self = GP_SESSION (object);

  gp_session_state_clear (self);
  g_clear_pointer (&self->events, g_ptr_array_unref);
  g_clear_object (&self->flow);
  g_free (self->id);

  G_OBJECT_CLASS (gp_session_parent_class)->finalize (object);
}

static void
gp_session_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  GpSession *self = GP_SESSION (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_FLOW:
      g_value_set_object (value, self->flow);
      break;
    case PROP_MODE:
      g_value_set_enum (value, self->mode);
      break;
    case PROP_CURRENT_STEP:
      g_value_set_object (value, self->current);
      break;
    case PROP_DRIVER:
      g_value_set_enum (value, self->driver);
      break;
    case PROP_ENDED:
      g_value_set_boolean (value, self->ended);
      break;
    case PROP_OUTCOME:
      g_value_set_enum (value, self->outcome);
      break;
    case PROP_N_EVENTS:
      g_value_set_uint (value, self->events->len);
      break;
    case PROP_N_UNSAVED_EVENTS:
      g_value_set_uint (value, gp_session_get_n_unsaved_events (self));
      break;
    case PROP_SINK:
      g_value_set_object (value, self->sink);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gp_session_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  GpSession *self = GP_SESSION (object);

  switch (prop_id)
    {
    case PROP_SINK:
      gp_session_set_sink (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gp_session_class_init (GpSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = gp_session_dispose;
  object_class->finalize = gp_session_finalize;
  object_class->get_property = gp_session_get_property;
  object_class->set_property = gp_session_set_property;

  properties[PROP_ID] = g_param_spec_string ("id", NULL, NULL, NULL, ro);
  properties[PROP_FLOW] = g_param_spec_object ("flow", NULL, NULL, GP_TYPE_FLOW, ro);
  properties[PROP_MODE] = g_param_spec_enum ("mode", NULL, NULL, GP_TYPE_SESSION_MODE,
                                             GP_SESSION_MODE_ASSISTED, ro);
  properties[PROP_CURRENT_STEP] = g_param_spec_object ("current-step", NULL, NULL, GP_TYPE_STEP, ro);
  properties[PROP_DRIVER] = g_param_spec_enum ("driver", NULL, NULL, GP_TYPE_ACTOR, GP_ACTOR_CUSTOMER, ro);
  properties[PROP_ENDED] = g_param_spec_boolean ("ended", NULL, NULL, FALSE, ro);
  properties[PROP_OUTCOME] = g_param_spec_enum ("outcome", NULL, NULL, GP_TYPE_OUTCOME, GP_OUTCOME_NONE, ro);
  properties[PROP_N_EVENTS] = g_param_spec_uint ("n-events", NULL, NULL, 0, G_MAXUINT, 0, ro);
  properties[PROP_N_UNSAVED_EVENTS] = g_param_spec_uint ("n-unsaved-events", NULL, NULL, 0, G_MAXUINT, 0, ro);
  properties[PROP_SINK] = g_param_spec_object ("sink", NULL, NULL, GP_TYPE_EVENT_SINK,
                                               G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* Emitted after the event is applied and offered to the sink. */
  signals[EVENT_APPLIED] = g_signal_new ("event-applied", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                         0, NULL, NULL, NULL, G_TYPE_NONE, 1, GP_TYPE_EVENT);
  /* The sink refused an event; it is kept as unsaved and offered again later. */
  signals[SINK_ERROR] = g_signal_new ("sink-error", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                      0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_ERROR);
}

static void
gp_session_init (GpSession *self)
{
  self->events = g_ptr_array_new_with_free_func (g_object_unref);
  self->event_store = g_list_store_new (GP_TYPE_EVENT);
  gp_session_state_init (self);
}

static void
real_clock (gpointer  user_data,
            gint64   *wall_time_us,
            gint64   *monotonic_us)
{
  *wall_time_us = g_get_real_time ();
  *monotonic_us = g_get_monotonic_time ();
}

/* Offers every unsaved event to the sink, in order, stopping at the first refusal. */
static gboolean
save_pending (GpSession  *self,
              GError    **error)
{
  if (self->sink == NULL || self->n_saved == self->events->len)
    return TRUE;
  if (!self->sink_begun)
    {
      if (!gp_event_sink_begin_session (self->sink, self->id, gp_flow_get_id (self->flow),
                                        gp_flow_get_version (self->flow),
                                        gp_session_mode_to_string (self->mode), error))
        return FALSE;
      self->sink_begun = TRUE;
    }
  while (self->n_saved < self->events->len)
    {
      if (!gp_event_sink_append (self->sink, g_ptr_array_index (self->events, self->n_saved), error))
        return FALSE;
      self->n_saved++;
    }
  return TRUE;
}

static void
save_or_report (GpSession *self)
{
  g_autoptr(GError) error = NULL;

  if (!save_pending (self, &error))
    {
      g_debug ("Session %s: %u events not saved yet: %s", self->id,
               self->events->len - self->n_saved, error->message);
      g_signal_emit (self, signals[SINK_ERROR], 0, error);
    }
}

typedef struct {
  GpSessionMode mode;
  GpStep    *current;
  GpActor    driver;
  gboolean   ended;
  GpOutcome  outcome;
  guint      n_unsaved;
} Snapshot;

static void
take_snapshot (GpSession *self,
               Snapshot  *snapshot)
{
  snapshot->mode = self->mode;
  snapshot->current = self->current;
  snapshot->driver = self->driver;
  snapshot->ended = self->ended;
  snapshot->outcome = self->outcome;
  snapshot->n_unsaved = gp_session_get_n_unsaved_events (self);
}

static void
notify_changes (GpSession      *self,
                const Snapshot *before)
{
  if (before->mode != self->mode)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODE]);
  if (before->current != self->current)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CURRENT_STEP]);
  if (before->driver != self->driver)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DRIVER]);
  if (before->ended != self->ended)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ENDED]);
  if (before->outcome != self->outcome)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OUTCOME]);
  if (before->n_unsaved != gp_session_get_n_unsaved_events (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_UNSAVED_EVENTS]);
}

/* Our own events and a host's alike: applies @event, makes it durable if it can, then
 * reports it. */
static gboolean
append_event (GpSession  *self,
              GpEvent    *event,
              GError    **error)
{
  Snapshot before;

  take_snapshot (self, &before);
  if (!gp_session_apply (self, event, error))
    return FALSE;
  save_or_report (self);
  g_list_store_append (self->event_store, event);

  g_signal_emit (self, signals[EVENT_APPLIED], 0, event);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_EVENTS]);
  notify_changes (self, &before);
  return TRUE;
}

/* Builds the next event, applies it, makes it durable if it can, then reports it. */
gboolean
gp_session_record (GpSession    *self,
                   GpEventType   type,
                   GpActor       actor,
                   JsonObject   *payload,
                   GError      **error)
{
  g_autoptr(GpEvent) event = NULL;
  g_autoptr(JsonObject) owned = payload;
  gint64 wall, mono;

  self->clock (self->clock_data, &wall, &mono);
  /* A test clock or a clock step must not make a valid action look inconsistent. */
  mono = MAX (mono, self->last_mono);
  event = gp_event_new (self->id, self->events->len + 1, type, actor, wall, mono, owned);

  return append_event (self, event, error);
}

JsonObject *
gp_session_payload_at_step (GpSession *self)
{
  JsonObject *payload = json_object_new ();

  if (self->current != NULL)
    json_object_set_string_member (payload, "step", gp_step_get_id (self->current));
  return payload;
}

/* Refuses before any event is built when nothing can happen any more. */
static gboolean
check_open (GpSession  *self,
            GError    **error)
{
  if (self->ended)
    {
      g_set_error (error, GP_SESSION_ERROR, GP_SESSION_ERROR_ENDED,
                   "the session has ended: nothing more can happen in it");
      return FALSE;
    }
  return TRUE;
}

gboolean
gp_session_enter (GpSession   *self,
                  GpActor      actor,
                  const char  *step_id,
                  const char  *via,
                  GError     **error)
{
  JsonObject *payload = json_object_new ();

  json_object_set_string_member (payload, "step", step_id);
  json_object_set_string_member (payload, "via", via);
  return gp_session_record (self, GP_EVENT_STEP_ENTERED, actor, payload, error);
}

static JsonObject *
retry_limit_payload (GpSession *self,
                     GpFailure *failure)
{
  JsonObject *payload = gp_session_payload_at_step (self);

  json_object_set_string_member (payload, "failure", gp_failure_get_id (failure));
  json_object_set_int_member (payload, "limit", gp_failure_get_retry_limit (failure));
  if (gp_failure_has_escalation (failure))
    {
      json_object_set_string_member (payload, "to", gp_failure_get_escalate_to (failure));
      json_object_set_string_member (payload, "priority",
                                     gp_priority_to_string (gp_failure_get_escalate_priority (failure)));
      if (gp_failure_get_escalate_reason (failure) != NULL)
        json_object_set_string_member (payload, "reason", gp_failure_get_escalate_reason (failure));
    }
  return payload;
}

/* Records what must follow the last event (the retry-limit-reached after the retry that
 * reaches a limit, the step-entered after a next, choice or recovery).  Normally part of
 * the same action; after a resume from a list cut short by a crash, of the next one. */
gboolean
gp_session_complete_pending (GpSession  *self,
                             GpActor     actor,
                             GError    **error)
{
  if (self->pending_limit != NULL)
    {
      const char *failure_id = strchr (self->pending_limit, '/') + 1;
      GpFailure *failure = gp_step_lookup_failure (self->current, failure_id);

      g_assert (failure != NULL);
      if (!gp_session_record (self, GP_EVENT_RETRY_LIMIT_REACHED, GP_ACTOR_SYSTEM, retry_limit_payload (self, failure), error))
        return FALSE;
    }
  if (self->pending_enter != NULL)
    {
      g_autofree char *step_id = g_strdup (self->pending_enter);
      g_autofree char *via = g_strdup (self->pending_via);

      return gp_session_enter (self, actor, step_id, via, error);
    }
  if (self->intake_recorded && self->current == NULL)
    return gp_session_enter (self, GP_ACTOR_SYSTEM, gp_flow_get_start_id (self->flow), "start", error);
  return TRUE;
}

/* Every action starts here: nothing after the end, and an interrupted action first. */
gboolean
gp_session_prepare (GpSession  *self,
                    GpActor     actor,
                    GError    **error)
{
  return check_open (self, error) && gp_session_complete_pending (self, actor, error);
}

static GpSession *
session_new (GpFlow        *flow,
             GpSessionMode  mode,
             GpActor        actor,
             const char    *goal,
             GpFamiliarity  familiarity,
             const char    *agreed_problem,
             GpEventSink   *sink)
{
  g_autoptr(GpSession) self = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *payload;

  self = g_object_new (GP_TYPE_SESSION, NULL);
  self->flow = g_object_ref (flow);
  self->id = g_uuid_string_random ();
  self->clock = real_clock;
  self->sink = sink != NULL ? g_object_ref (sink) : NULL;

  payload = json_object_new ();
  json_object_set_string_member (payload, "flow", gp_flow_get_id (flow));
  json_object_set_string_member (payload, "version", gp_flow_get_version (flow));
  json_object_set_string_member (payload, "mode", gp_session_mode_to_string (mode));
  if (!gp_session_record (self, GP_EVENT_STARTED, GP_ACTOR_SYSTEM, payload, &error))
    g_error ("Cannot start a session: %s", error->message);

  payload = json_object_new ();
  json_object_set_string_member (payload, "goal", goal != NULL ? goal : "");
  json_object_set_string_member (payload, "familiarity", gp_familiarity_to_string (familiarity));
  json_object_set_string_member (payload, "agreed_problem", agreed_problem != NULL ? agreed_problem : "");
  if (!gp_session_record (self, GP_EVENT_INTAKE_RECORDED, actor, payload, &error) ||
      !gp_session_enter (self, GP_ACTOR_SYSTEM, gp_flow_get_start_id (flow), "start", &error))
    g_error ("Cannot start a session: %s", error->message);

  return g_steal_pointer (&self);
}

GpSession *
gp_session_new (GpFlow        *flow,
                GpSessionMode  mode,
                const char    *goal,
                GpFamiliarity  familiarity,
                const char    *agreed_problem,
                GpEventSink   *sink)
{
  g_return_val_if_fail (GP_IS_FLOW (flow), NULL);
  g_return_val_if_fail ((guint) mode <= GP_SESSION_MODE_TRAINING, NULL);
  g_return_val_if_fail (familiarity <= GP_FAMILIARITY_FAMILIAR, NULL);
  g_return_val_if_fail (sink == NULL || GP_IS_EVENT_SINK (sink), NULL);

  /* Whoever holds the conversation records the intake. */
  return session_new (flow, mode,
                      mode == GP_SESSION_MODE_SELF_SERVICE ? GP_ACTOR_CUSTOMER
                      : mode == GP_SESSION_MODE_TRAINING ? GP_ACTOR_TRAINER : GP_ACTOR_AGENT,
                      goal, familiarity, agreed_problem, sink);
}

GpSession *
gp_session_new_for_trainee (GpFlow        *flow,
                            const char    *goal,
                            GpFamiliarity  familiarity,
                            const char    *agreed_problem,
                            GpEventSink   *sink)
{
  g_return_val_if_fail (GP_IS_FLOW (flow), NULL);
  g_return_val_if_fail (familiarity <= GP_FAMILIARITY_FAMILIAR, NULL);
  g_return_val_if_fail (sink == NULL || GP_IS_EVENT_SINK (sink), NULL);

  return session_new (flow, GP_SESSION_MODE_TRAINING, GP_ACTOR_AGENT, goal, familiarity, agreed_problem, sink);
}

GpSession *
gp_session_new_from_events (GpFlow     *flow,
                            GPtrArray  *events,
                            GError    **error)
{
  g_autoptr(GpSession) self = NULL;

  g_return_val_if_fail (GP_IS_FLOW (flow), NULL);
  g_return_val_if_fail (events != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (events->len == 0)
    {
      g_set_error (error, GP_SESSION_ERROR, GP_SESSION_ERROR_INCONSISTENT,
                   "a session has at least its started event");
      return NULL;
    }

  self = g_object_new (GP_TYPE_SESSION, NULL);
  self->flow = g_object_ref (flow);
  self->id = g_strdup (gp_event_get_session_id (g_ptr_array_index (events, 0)));
  self->clock = real_clock;

  for (guint i = 0; i < events->len; i++)
    {
      GpEvent *event = g_ptr_array_index (events, i);

      g_return_val_if_fail (GP_IS_EVENT (event), NULL);
      if (!gp_session_apply (self, event, error))
        {
          g_prefix_error (error, "item %u of the list (%s): ", i + 1,
                          gp_event_type_to_string (gp_event_get_event_type (event)));
          return NULL;
        }
    }
  g_list_store_splice (self->event_store, 0, 0, self->events->pdata, self->events->len);
  self->n_saved = self->events->len;
  return g_steal_pointer (&self);
}

void
gp_session_set_sink (GpSession   *self,
                     GpEventSink *sink)
{
  Snapshot before;

  g_return_if_fail (GP_IS_SESSION (self));
  g_return_if_fail (sink == NULL || GP_IS_EVENT_SINK (sink));

  take_snapshot (self, &before);
  if (!g_set_object (&self->sink, sink))
    return;
  self->sink_begun = FALSE;
  save_or_report (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SINK]);
  notify_changes (self, &before);
}

GpEventSink *
gp_session_get_sink (GpSession *self)
{
  g_return_val_if_fail (GP_IS_SESSION (self), NULL);
  return self->sink;
}

gboolean
gp_session_flush (GpSession  *self,
                  GError    **error)
{
  Snapshot before;
  gboolean saved;

  g_return_val_if_fail (GP_IS_SESSION (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  take_snapshot (self, &before);
  saved = save_pending (self, error);
  notify_changes (self, &before);
  return saved;
}

void
gp_session_set_clock (GpSession          *self,
                      GpSessionClockFunc  func,
                      gpointer            user_data)
{
  g_return_if_fail (GP_IS_SESSION (self));

  self->clock = func != NULL ? func : real_clock;
  self->clock_data = func != NULL ? user_data : NULL;
}

/* A mirror (a co-browse peer) applies the host's events instead of recording its own:
 * the same fold, the same notifications, but the event keeps the host's seq and times. */
gboolean
gp_session_apply_remote_event (GpSession  *self,
                               GpEvent    *event,
                               GError    **error)
{
  g_return_val_if_fail (GP_IS_SESSION (self), FALSE);
  g_return_val_if_fail (GP_IS_EVENT (event), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (gp_event_get_seq (event) != self->events->len + 1)
    {
      g_set_error (error, GP_SESSION_ERROR, GP_SESSION_ERROR_INCONSISTENT,
                   "expected event %u, got event %" G_GUINT64_FORMAT " (a gap or a repeat)",
                   self->events->len + 1, gp_event_get_seq (event));
      return FALSE;
    }

  return append_event (self, event, error);
}
