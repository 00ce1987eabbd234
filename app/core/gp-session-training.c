/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Training events: the scenario a trainee plays, and a classroom trainer handing the
 * driving to one trainee and taking it back.  Actions, fold and queries together. */
#include <string.h>

#include "gp-session-private.h"

#define FAIL(code, ...) G_STMT_START { \
    g_set_error (error, GP_SESSION_ERROR, GP_SESSION_ERROR_##code, __VA_ARGS__); \
    return FALSE; \
  } G_STMT_END

static const char * const run_names[] = { "none", "practice", "assessment" };

const char *
gp_scenario_run_to_string (GpScenarioRun run)
{
  g_return_val_if_fail ((guint) run < G_N_ELEMENTS (run_names), NULL);
  return run_names[run];
}

gboolean
gp_scenario_run_from_string (const char    *text,
                             GpScenarioRun *run)
{
  for (guint i = 0; i < G_N_ELEMENTS (run_names); i++)
    if (g_strcmp0 (text, run_names[i]) == 0)
      {
        *run = (GpScenarioRun) i;
        return TRUE;
      }
  return FALSE;
}

gboolean
gp_session_start_scenario (GpSession     *self,
                           GpActor        actor,
                           const char    *scenario_id,
                           const char    *scenario_version,
                           GpScenarioRun  run,
                           gboolean       hints_allowed,
                           GError       **error)
{
  JsonObject *payload;

  g_return_val_if_fail (GP_IS_SESSION (self), FALSE);
  g_return_val_if_fail (scenario_id != NULL && scenario_version != NULL, FALSE);

  if (!gp_session_prepare (self, actor, error))
    return FALSE;

  payload = json_object_new ();
  json_object_set_string_member (payload, "scenario", scenario_id);
  json_object_set_string_member (payload, "version", scenario_version);
  json_object_set_string_member (payload, "run", gp_scenario_run_to_string (run));
  json_object_set_boolean_member (payload, "hints_allowed", hints_allowed);
  return gp_session_record (self, GP_EVENT_SCENARIO_STARTED, actor, payload, error);
}

gboolean
gp_session_hand_driving (GpSession   *self,
                         GpActor      actor,
                         const char  *trainee,
                         GError     **error)
{
  JsonObject *payload;

  g_return_val_if_fail (GP_IS_SESSION (self), FALSE);

  if (!gp_session_prepare (self, actor, error))
    return FALSE;

  payload = json_object_new ();
  json_object_set_string_member (payload, "trainee", trainee != NULL ? trainee : "");
  return gp_session_record (self, GP_EVENT_DRIVING_HANDED, actor, payload, error);
}

gboolean
gp_session_take_back_driving (GpSession  *self,
                              GpActor     actor,
                              GError    **error)
{
  JsonObject *payload;

  g_return_val_if_fail (GP_IS_SESSION (self), FALSE);

  if (!gp_session_prepare (self, actor, error))
    return FALSE;

  payload = json_object_new ();
  json_object_set_string_member (payload, "trainee",
                                 self->driving_trainee != NULL ? self->driving_trainee : "");
  return gp_session_record (self, GP_EVENT_DRIVING_TAKEN_BACK, actor, payload, error);
}

static gboolean
apply_scenario_started (GpSession  *self,
                        GpEvent    *event,
                        GError    **error)
{
  JsonObject *payload = gp_event_get_payload (event);
  const char *id, *version, *run_text;
  GpScenarioRun run;
  JsonNode *hints;

  if ((id = gp_session_payload_string (event, "scenario", FALSE, error)) == NULL ||
      (version = gp_session_payload_string (event, "version", FALSE, error)) == NULL ||
      (run_text = gp_session_payload_string (event, "run", FALSE, error)) == NULL)
    return FALSE;
  if (*id == '\0' || *version == '\0')
    FAIL (INVALID_ARGUMENT, "a scenario-started event names the scenario and its version");
  if (!gp_scenario_run_from_string (run_text, &run) || run == GP_SCENARIO_RUN_NONE)
    FAIL (INVALID_ARGUMENT, "a scenario is played as practice or assessment, not “%s”", run_text);
  hints = json_object_has_member (payload, "hints_allowed")
          ? json_object_get_member (payload, "hints_allowed") : NULL;
  if (hints == NULL || !JSON_NODE_HOLDS_VALUE (hints) ||
      json_node_get_value_type (hints) != G_TYPE_BOOLEAN)
    FAIL (INVALID_ARGUMENT, "payload field “hints_allowed” of a scenario-started event must be true or false");
  if (self->scenario_id != NULL)
    FAIL (ALREADY_DONE, "scenario “%s” is played in this session already", self->scenario_id);
  if (self->progressed)
    FAIL (NOT_ALLOWED, "a scenario starts before the first step is completed");

  gp_session_set_string (&self->scenario_id, id);
  self->scenario_run = run;
  self->hints_allowed = json_node_get_boolean (hints);
  return TRUE;
}

static gboolean
apply_driving (GpSession  *self,
               GpEvent    *event,
               GError    **error)
{
  const char *trainee = gp_session_payload_string (event, "trainee", FALSE, error);

  if (trainee == NULL)
    return FALSE;
  if (gp_event_get_event_type (event) == GP_EVENT_DRIVING_TAKEN_BACK)
    {
      if (self->driving_trainee == NULL)
        FAIL (NOT_ALLOWED, "no trainee drives: there is nothing to take back");
      if (strcmp (trainee, self->driving_trainee) != 0)
        FAIL (INCONSISTENT, "%s drives, not %s", self->driving_trainee, trainee);
      g_clear_pointer (&self->driving_trainee, g_free);
      return TRUE;
    }
  if (*trainee == '\0')
    FAIL (INVALID_ARGUMENT, "the driving is handed to a trainee by name");
  if (self->driving_trainee != NULL)
    FAIL (ALREADY_DONE, "%s drives already: take the driving back first", self->driving_trainee);
  gp_session_set_string (&self->driving_trainee, trainee);
  return TRUE;
}

/* Only the trainer, only in training mode. */
gboolean
gp_session_apply_training (GpSession  *self,
                           GpEvent    *event,
                           GError    **error)
{
  GpEventType type = gp_event_get_event_type (event);

  if (self->mode != GP_SESSION_MODE_TRAINING)
    FAIL (NOT_ALLOWED, "%s belongs to training sessions only; this one is %s",
          gp_event_type_to_string (type), gp_session_mode_to_string (self->mode));
  if (gp_event_get_actor (event) != GP_ACTOR_TRAINER)
    FAIL (NOT_ALLOWED, "only the trainer records %s, not the %s", gp_event_type_to_string (type),
          gp_actor_to_string (gp_event_get_actor (event)));
  if (type == GP_EVENT_SCENARIO_STARTED)
    return apply_scenario_started (self, event, error);
  return apply_driving (self, event, error);
}

const char *
gp_session_get_scenario_id (GpSession *self)
{
  g_return_val_if_fail (GP_IS_SESSION (self), NULL);
  return self->scenario_id;
}

GpScenarioRun
gp_session_get_scenario_run (GpSession *self)
{
  g_return_val_if_fail (GP_IS_SESSION (self), GP_SCENARIO_RUN_NONE);
  return self->scenario_run;
}

gboolean
gp_session_get_hints_allowed (GpSession *self)
{
  g_return_val_if_fail (GP_IS_SESSION (self), TRUE);
  return self->hints_allowed;
}

const char *
gp_session_get_driving_trainee (GpSession *self)
{
  g_return_val_if_fail (GP_IS_SESSION (self), NULL);
  return self->driving_trainee;
}
