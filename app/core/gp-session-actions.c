/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>

#include <guidepost/gp-failure.h>
#include <guidepost/gp-offer.h>
#include <guidepost/gp-choice.h>

#include "gp-session-private.h"

/* The actions: each builds its event from the current state and records it; the rules
 * themselves are checked by gp_session_apply(). */

gboolean
gp_session_offer_try_again (GpSession  *self,
                            GpActor     actor,
                            GError    **error)
{
  g_return_val_if_fail (GP_IS_SESSION (self), FALSE);

  if (!gp_session_prepare (self, actor, error))
    return FALSE;
  return gp_session_record (self, GP_EVENT_TRY_AGAIN_OFFERED, actor, json_object_new (), error);
}

gboolean
gp_session_answer_try_again (GpSession  *self,
                             GpActor     actor,
                             gboolean    accepted,
                             GError    **error)
{
  g_return_val_if_fail (GP_IS_SESSION (self), FALSE);

  if (!gp_session_prepare (self, actor, error))
    return FALSE;
  return gp_session_record (self, accepted ? GP_EVENT_TRY_AGAIN_ACCEPTED : GP_EVENT_TRY_AGAIN_DECLINED,
                            actor, json_object_new (), error);
}

gboolean
gp_session_next (GpSession  *self,
                 GpActor     actor,
                 GError    **error)
{
  g_return_val_if_fail (GP_IS_SESSION (self), FALSE);

  if (!gp_session_prepare (self, actor, error))
    return FALSE;
  return gp_session_record (self, GP_EVENT_STEP_COMPLETED, actor, gp_session_payload_at_step (self), error) &&
         gp_session_complete_pending (self, actor, error);
}

gboolean
gp_session_back (GpSession  *self,
                 GpActor     actor,
                 GError    **error)
{
  g_return_val_if_fail (GP_IS_SESSION (self), FALSE);

  if (!gp_session_prepare (self, actor, error))
    return FALSE;

  if (self->history->len == 0)
    {
      g_set_error (error, GP_SESSION_ERROR, GP_SESSION_ERROR_NO_PREVIOUS_STEP,
                   "“%s” is the first step: there is no step to go back to",
                   gp_step_get_id (self->current));
      return FALSE;
    }
  return gp_session_enter (self, actor, g_ptr_array_index (self->history, self->history->len - 1), "back", error);
}

gboolean
gp_session_choose (GpSession  *self,
                   GpActor     actor,
                   guint       choice,
                   GError    **error)
{
  JsonObject *payload;

  g_return_val_if_fail (GP_IS_SESSION (self), FALSE);

  if (!gp_session_prepare (self, actor, error))
    return FALSE;

  payload = gp_session_payload_at_step (self);
  json_object_set_int_member (payload, "choice", choice);
  if (self->current != NULL && choice < gp_step_get_n_choices (self->current))
    json_object_set_string_member (payload, "label",
                                   gp_choice_get_label (gp_step_get_choice (self->current, choice)));
  else
    json_object_set_string_member (payload, "label", "");
  return gp_session_record (self, GP_EVENT_CHOICE_MADE, actor, payload, error) &&
         gp_session_complete_pending (self, actor, error);
}

gboolean
gp_session_reveal_hint (GpSession  *self,
                        GpActor     actor,
                        GError    **error)
{
  JsonObject *payload;

  g_return_val_if_fail (GP_IS_SESSION (self), FALSE);

  if (!gp_session_prepare (self, actor, error))
    return FALSE;

  payload = gp_session_payload_at_step (self);
  json_object_set_int_member (payload, "level",
                              self->current != NULL ? gp_session_get_hints_used (self, gp_step_get_id (self->current)) + 1 : 1);
  return gp_session_record (self, GP_EVENT_HINT_REVEALED, actor, payload, error);
}

gboolean
gp_session_show_why (GpSession  *self,
                     GpActor     actor,
                     GError    **error)
{
  g_return_val_if_fail (GP_IS_SESSION (self), FALSE);

  if (!gp_session_prepare (self, actor, error))
    return FALSE;
  return gp_session_record (self, GP_EVENT_WHY_SHOWN, actor, gp_session_payload_at_step (self), error);
}

/* Passed and failed differ only in the event type. */
static gboolean
check_result (GpSession  *self,
              GpActor     actor,
              guint       check,
              gboolean    passed,
              GError    **error)
{
  const char * const *checks;
  JsonObject *payload;

  if (!gp_session_prepare (self, actor, error))
    return FALSE;

  checks = self->current != NULL ? gp_step_get_checks (self->current) : NULL;
  payload = gp_session_payload_at_step (self);
  /* Only which check and its label: what the customer said is never recorded. */
  json_object_set_int_member (payload, "check", check);
  json_object_set_string_member (payload, "label",
                                 checks != NULL && check < g_strv_length ((char **) checks) ? checks[check] : "");
  return gp_session_record (self, passed ? GP_EVENT_IDENTITY_CHECK_PASSED : GP_EVENT_IDENTITY_CHECK_FAILED,
                            actor, payload, error) &&
         gp_session_complete_pending (self, actor, error);
}

gboolean
gp_session_pass_check (GpSession  *self,
                       GpActor     actor,
                       guint       check,
                       GError    **error)
{
  g_return_val_if_fail (GP_IS_SESSION (self), FALSE);

  return check_result (self, actor, check, TRUE, error);
}

gboolean
gp_session_fail_check (GpSession  *self,
                       GpActor     actor,
                       guint       check,
                       GError    **error)
{
  g_return_val_if_fail (GP_IS_SESSION (self), FALSE);

  return check_result (self, actor, check, FALSE, error);
}

/* A failure of the current step, reported by the customer's side or injected by a
 * trainer: the same payload, so summaries need no flow (the fold checks the rest). */
static gboolean
record_failure (GpSession    *self,
                GpActor       actor,
                const char   *failure_id,
                GpEventType   type,
                GError      **error)
{
  GpFailure *failure;
  JsonObject *payload;

  if (!gp_session_prepare (self, actor, error))
    return FALSE;

  failure = self->current != NULL ? gp_step_lookup_failure (self->current, failure_id) : NULL;
  payload = gp_session_payload_at_step (self);
  json_object_set_string_member (payload, "failure", failure_id);
  json_object_set_string_member (payload, "cause",
                                 failure != NULL ? gp_failure_cause_to_string (gp_failure_get_cause (failure)) : "");
  return gp_session_record (self, type, actor, payload, error);
}

gboolean
gp_session_report_failure (GpSession   *self,
                           GpActor      actor,
                           const char  *failure_id,
                           GError     **error)
{
  g_return_val_if_fail (GP_IS_SESSION (self), FALSE);
  g_return_val_if_fail (failure_id != NULL, FALSE);

  return record_failure (self, actor, failure_id, GP_EVENT_FAILURE_REPORTED, error);
}

gboolean
gp_session_take_recovery (GpSession  *self,
                          GpActor     actor,
                          GError    **error)
{
  GpFailure *failure = NULL;
  JsonObject *payload;

  g_return_val_if_fail (GP_IS_SESSION (self), FALSE);

  if (!gp_session_prepare (self, actor, error))
    return FALSE;

  if (self->current != NULL && self->open_failure != NULL)
    failure = gp_step_lookup_failure (self->current, self->open_failure);
  payload = gp_session_payload_at_step (self);
  json_object_set_string_member (payload, "failure", self->open_failure != NULL ? self->open_failure : "");
  json_object_set_string_member (payload, "recovery", failure != NULL ? gp_failure_get_recovery_id (failure) : "");
  json_object_set_int_member (payload, "retry",
                              failure != NULL ? gp_session_get_retries (self, gp_step_get_id (self->current),
                                                                        self->open_failure) + 1 : 1);
  if (!gp_session_record (self, GP_EVENT_RECOVERY_TAKEN, actor, payload, error))
    return FALSE;

  return gp_session_complete_pending (self, actor, error);
}

gboolean
gp_session_present_offer (GpSession   *self,
                          GpActor      actor,
                          const char  *offer_id,
                          GError     **error)
{
  GpOffer *offer;
  JsonObject *payload;

  g_return_val_if_fail (GP_IS_SESSION (self), FALSE);
  g_return_val_if_fail (offer_id != NULL, FALSE);

  if (!gp_session_prepare (self, actor, error))
    return FALSE;

  offer = self->current != NULL ? gp_step_lookup_offer (self->current, offer_id) : NULL;
  payload = gp_session_payload_at_step (self);
  json_object_set_string_member (payload, "offer", offer_id);
  if (offer != NULL)
    json_object_set_string_member (payload, "title", gp_offer_get_title (offer));
  return gp_session_record (self, GP_EVENT_OFFER_PRESENTED, actor, payload, error);
}

gboolean
gp_session_answer_offer (GpSession      *self,
                         GpActor         actor,
                         const char     *step_id,
                         const char     *offer_id,
                         GpOfferAnswer   answer,
                         GError        **error)
{
  JsonObject *payload;

  g_return_val_if_fail (GP_IS_SESSION (self), FALSE);
  g_return_val_if_fail (offer_id != NULL, FALSE);
  g_return_val_if_fail ((guint) answer <= GP_OFFER_ANSWER_LATER, FALSE);

  if (!gp_session_prepare (self, actor, error))
    return FALSE;

  payload = json_object_new ();
  json_object_set_string_member (payload, "step", step_id != NULL ? step_id
                                 : self->current != NULL ? gp_step_get_id (self->current) : "");
  json_object_set_string_member (payload, "offer", offer_id);
  json_object_set_string_member (payload, "answer", gp_offer_answer_to_string (answer));
  return gp_session_record (self, GP_EVENT_OFFER_ANSWERED, actor, payload, error);
}

gboolean
gp_session_change_driver (GpSession  *self,
                          GpActor     actor,
                          GpActor     driver,
                          GError    **error)
{
  JsonObject *payload;

  g_return_val_if_fail (GP_IS_SESSION (self), FALSE);
  g_return_val_if_fail ((guint) driver <= GP_ACTOR_SYSTEM, FALSE);

  if (!gp_session_prepare (self, actor, error))
    return FALSE;

  payload = json_object_new ();
  json_object_set_string_member (payload, "driver", gp_actor_to_string (driver));
  return gp_session_record (self, GP_EVENT_DRIVER_CHANGED, actor, payload, error);
}

gboolean
gp_session_add_note (GpSession   *self,
                     GpActor      actor,
                     const char  *text,
                     GError     **error)
{
  JsonObject *payload;

  g_return_val_if_fail (GP_IS_SESSION (self), FALSE);

  if (!gp_session_prepare (self, actor, error))
    return FALSE;

  payload = gp_session_payload_at_step (self);
  json_object_set_string_member (payload, "text", text != NULL ? text : "");
  return gp_session_record (self, GP_EVENT_NOTE_ADDED, actor, payload, error);
}

gboolean
gp_session_escalate (GpSession   *self,
                     GpActor      actor,
                     const char  *to,
                     GpPriority   priority,
                     const char  *reason,
                     GError     **error)
{
  JsonObject *payload;

  g_return_val_if_fail (GP_IS_SESSION (self), FALSE);
  g_return_val_if_fail ((guint) priority <= GP_PRIORITY_URGENT, FALSE);

  if (!gp_session_prepare (self, actor, error))
    return FALSE;

  payload = gp_session_payload_at_step (self);
  json_object_set_string_member (payload, "to", to != NULL ? to : "");
  json_object_set_string_member (payload, "priority", gp_priority_to_string (priority));
  if (reason != NULL)
    json_object_set_string_member (payload, "reason", reason);
  return gp_session_record (self, GP_EVENT_ESCALATED, actor, payload, error);
}

gboolean
gp_session_log_complaint (GpSession   *self,
                          GpActor      actor,
                          GpPriority   priority,
                          const char  *text,
                          GError     **error)
{
  JsonObject *payload;

  g_return_val_if_fail (GP_IS_SESSION (self), FALSE);
  g_return_val_if_fail ((guint) priority <= GP_PRIORITY_URGENT, FALSE);

  if (!gp_session_prepare (self, actor, error))
    return FALSE;

  payload = gp_session_payload_at_step (self);
  json_object_set_string_member (payload, "priority", gp_priority_to_string (priority));
  json_object_set_string_member (payload, "text", text != NULL ? text : "");
  return gp_session_record (self, GP_EVENT_COMPLAINT_LOGGED, actor, payload, error);
}

gboolean
gp_session_record_satisfaction (GpSession   *self,
                                GpActor      actor,
                                guint        score,
                                const char  *comment,
                                GError     **error)
{
  JsonObject *payload;

  g_return_val_if_fail (GP_IS_SESSION (self), FALSE);

  if (!gp_session_prepare (self, actor, error))
    return FALSE;

  payload = json_object_new ();
  json_object_set_int_member (payload, "score", score);
  if (comment != NULL)
    json_object_set_string_member (payload, "comment", comment);
  return gp_session_record (self, GP_EVENT_SATISFACTION_RECORDED, actor, payload, error);
}

gboolean
gp_session_end (GpSession  *self,
                GpActor     actor,
                GpOutcome   outcome,
                GError    **error)
{
  JsonObject *payload;

  g_return_val_if_fail (GP_IS_SESSION (self), FALSE);
  g_return_val_if_fail ((guint) outcome <= GP_OUTCOME_ABANDONED, FALSE);

  if (!gp_session_prepare (self, actor, error))
    return FALSE;

  payload = gp_session_payload_at_step (self);
  json_object_set_string_member (payload, "outcome", gp_outcome_to_string (outcome));
  return gp_session_record (self, GP_EVENT_ENDED, actor, payload, error);
}

gboolean
gp_session_inject_failure (GpSession   *self,
                           GpActor      actor,
                           const char  *failure_id,
                           GError     **error)
{
  g_return_val_if_fail (GP_IS_SESSION (self), FALSE);
  g_return_val_if_fail (failure_id != NULL, FALSE);

  return record_failure (self, actor, failure_id, GP_EVENT_FAILURE_INJECTED, error);
}

gboolean
gp_session_clear_failure (GpSession  *self,
                          GpActor     actor,
                          GError    **error)
{
  JsonObject *payload;

  g_return_val_if_fail (GP_IS_SESSION (self), FALSE);

  if (!gp_session_prepare (self, actor, error))
    return FALSE;

  payload = gp_session_payload_at_step (self);
  json_object_set_string_member (payload, "failure", self->injected_failure != NULL ? self->injected_failure : "");
  return gp_session_record (self, GP_EVENT_FAILURE_CLEARED, actor, payload, error);
}
