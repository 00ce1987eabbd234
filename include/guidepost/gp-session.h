/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <guidepost/gp-types.h>
#include <guidepost/gp-event.h>
#include <guidepost/gp-event-sink.h>

G_BEGIN_DECLS

/* A session walks one customer through one flow.  It is its events: every action builds
 * an event, the session checks it against the rules and applies it; the state below is
 * only ever changed by applying events, so the same events always give the same state. */

typedef enum {
  GP_SESSION_MODE_ASSISTED,
  GP_SESSION_MODE_SELF_SERVICE,
  GP_SESSION_MODE_TRAINING,
} GpSessionMode;

typedef enum {
  GP_FAMILIARITY_NEW,
  GP_FAMILIARITY_FAMILIAR,
} GpFamiliarity;

typedef enum {
  GP_OFFER_ANSWER_ACCEPTED,
  GP_OFFER_ANSWER_DECLINED,
  GP_OFFER_ANSWER_LATER,
} GpOfferAnswer;

/* How a trainee plays a scenario: practice gives feedback after each action, an
 * assessment only at the end.  NONE: no scenario is played. */
typedef enum {
  GP_SCENARIO_RUN_NONE,
  GP_SCENARIO_RUN_PRACTICE,
  GP_SCENARIO_RUN_ASSESSMENT,
} GpScenarioRun;

#define GP_TYPE_SESSION_MODE (gp_session_mode_get_type ())
#define GP_TYPE_FAMILIARITY  (gp_familiarity_get_type ())
#define GP_TYPE_OUTCOME      (gp_outcome_get_type ())
GType gp_session_mode_get_type (void) G_GNUC_CONST;
GType gp_familiarity_get_type  (void) G_GNUC_CONST;
GType gp_outcome_get_type      (void) G_GNUC_CONST;

/* Spellings used in event payloads: "assisted", "self-service", "training"; "new",
 * "familiar"; "accepted", "declined", "later". */
const char *gp_session_mode_to_string   (GpSessionMode  mode);
gboolean    gp_session_mode_from_string (const char    *text,
                                         GpSessionMode *mode);
const char *gp_familiarity_to_string    (GpFamiliarity  familiarity);
const char *gp_offer_answer_to_string   (GpOfferAnswer  answer);
/* "none", "practice", "assessment" */
const char *gp_scenario_run_to_string   (GpScenarioRun  run);
gboolean    gp_scenario_run_from_string (const char    *text,
                                         GpScenarioRun *run);

#define GP_SESSION_ERROR (gp_session_error_quark ())
typedef enum {
  GP_SESSION_ERROR_ENDED,              /* anything after the session ended */
  GP_SESSION_ERROR_WRONG_STEP_KIND,    /* e.g. a choice on a screen step, next on a question */
  GP_SESSION_ERROR_CHECKS_PENDING,     /* next before every identity check passed */
  GP_SESSION_ERROR_OUT_OF_RANGE,       /* a choice, check or hint level the step does not have */
  GP_SESSION_ERROR_UNKNOWN,            /* a failure or offer the current step does not have */
  GP_SESSION_ERROR_NO_PREVIOUS_STEP,   /* back at the first step */
  GP_SESSION_ERROR_NO_FAILURE,         /* a recovery without a reported failure */
  GP_SESSION_ERROR_RETRY_LIMIT,        /* the failure's retry limit is reached: escalate */
  GP_SESSION_ERROR_OFFER_NOT_ALLOWED,  /* an offer after a failure or complaint */
  GP_SESSION_ERROR_OFFER_REPEATED,     /* the same offer twice */
  GP_SESSION_ERROR_OFFER_NOT_PRESENTED,/* answering an offer never presented */
  GP_SESSION_ERROR_ALREADY_DONE,       /* answered, passed or recorded already */
  GP_SESSION_ERROR_NOT_ALLOWED,        /* not in this mode or at this point of the session */
  GP_SESSION_ERROR_INVALID_ARGUMENT,   /* empty text, score outside 1–5 ... */
  GP_SESSION_ERROR_INCONSISTENT,       /* a replayed list with gaps, another session, time going back */
} GpSessionError;
GQuark gp_session_error_quark (void);

#define GP_TYPE_SESSION (gp_session_get_type ())

G_DECLARE_FINAL_TYPE (GpSession, gp_session, GP, SESSION, GObject)

/* Records `started`, `intake-recorded` and the `step-entered` of the flow's start step.
 * @sink: (nullable): where events are made durable; see gp_session_set_sink() */
GpSession     *gp_session_new               (GpFlow         *flow,
                                             GpSessionMode   mode,
                                             const char     *goal,
                                             GpFamiliarity   familiarity,
                                             const char     *agreed_problem,
                                             GpEventSink    *sink);
/* A training session a trainee plays in the agent's place (a scenario): as
 * gp_session_new() in training mode, with the intake recorded by the agent, not the
 * trainer. */
GpSession     *gp_session_new_for_trainee   (GpFlow         *flow,
                                             const char     *goal,
                                             GpFamiliarity   familiarity,
                                             const char     *agreed_problem,
                                             GpEventSink    *sink);
/* Rebuilds a session from stored events (element-type GpEvent), checking each against the
 * rules as it was when recorded.  Replayed events count as saved.  A list cut between the
 * events of one action (a crash) is accepted: the next action first records the rest.
 * Returns: (transfer full) (nullable): NULL with a GP_SESSION_ERROR for an inconsistent list */
GpSession     *gp_session_new_from_events   (GpFlow         *flow,
                                             GPtrArray      *events,
                                             GError        **error);

/* For a mirror of a session hosted elsewhere (co-browse): applies @event, received from
 * the host, with the same fold as a local action.  @event must be the next seq: a gap or
 * a repeat is refused with GP_SESSION_ERROR_INCONSISTENT and changes nothing. */
gboolean       gp_session_apply_remote_event (GpSession     *self,
                                              GpEvent       *event,
                                              GError       **error);

/* Durability: before an event is reported applied the session calls begin_session()
 * once and then append(); an event the sink refuses stays applied, is counted in
 * n-unsaved-events, is reported by ::sink-error and is offered again, in order, before
 * the next event and on gp_session_flush().  Without a sink nothing is unsaved. */
void           gp_session_set_sink          (GpSession      *self,
                                             GpEventSink    *sink);
GpEventSink   *gp_session_get_sink          (GpSession      *self);
gboolean       gp_session_flush             (GpSession      *self,
                                             GError        **error);

/* For tests and demonstrations: where event times come from (default: the real clocks).
 * Monotonic times must never go back. */
typedef void (*GpSessionClockFunc) (gpointer  user_data,
                                    gint64   *wall_time_us,
                                    gint64   *monotonic_us);
void           gp_session_set_clock         (GpSession         *self,
                                             GpSessionClockFunc func,
                                             gpointer           user_data);

/* Actions.  Each returns FALSE with a GP_SESSION_ERROR saying why when it is not legal
 * now, and then records nothing.  @actor is who asked.  Some actions record several
 * events (next: step-completed then step-entered); ::event-applied and the notifications
 * follow each event as it is applied. */
gboolean gp_session_offer_try_again    (GpSession *self, GpActor actor, GError **error);
gboolean gp_session_answer_try_again   (GpSession *self, GpActor actor, gboolean accepted, GError **error);
/* Completes the current step and enters its next one. */
gboolean gp_session_next               (GpSession *self, GpActor actor, GError **error);
/* Returns to the previous step; recorded as a `step-entered` with "via": "back". */
gboolean gp_session_back               (GpSession *self, GpActor actor, GError **error);
gboolean gp_session_choose             (GpSession *self, GpActor actor, guint choice, GError **error);
/* Reveals the next rung of the current step's hint ladder. */
gboolean gp_session_reveal_hint        (GpSession *self, GpActor actor, GError **error);
gboolean gp_session_show_why           (GpSession *self, GpActor actor, GError **error);
/* Only passed/failed is recorded, never what the customer answered.  A failed check
 * enters the step's on_fail step. */
gboolean gp_session_pass_check         (GpSession *self, GpActor actor, guint check, GError **error);
gboolean gp_session_fail_check         (GpSession *self, GpActor actor, guint check, GError **error);
gboolean gp_session_report_failure     (GpSession *self, GpActor actor, const char *failure_id, GError **error);
/* Takes the recovery of the failure last reported at this step; the retry that reaches
 * the failure's retry_limit records `retry-limit-reached` and proposes its escalation. */
gboolean gp_session_take_recovery      (GpSession *self, GpActor actor, GError **error);
gboolean gp_session_present_offer      (GpSession *self, GpActor actor, const char *offer_id, GError **error);
/* @step_id: (nullable): where the offer was presented; NULL for the current step */
gboolean gp_session_answer_offer       (GpSession *self, GpActor actor, const char *step_id,
                                        const char *offer_id, GpOfferAnswer answer, GError **error);
/* @driver: GP_ACTOR_AGENT or GP_ACTOR_CUSTOMER */
gboolean gp_session_change_driver      (GpSession *self, GpActor actor, GpActor driver, GError **error);
gboolean gp_session_add_note           (GpSession *self, GpActor actor, const char *text, GError **error);
/* @reason: (nullable) */
gboolean gp_session_escalate           (GpSession *self, GpActor actor, const char *to,
                                        GpPriority priority, const char *reason, GError **error);
gboolean gp_session_log_complaint      (GpSession *self, GpActor actor, GpPriority priority,
                                        const char *text, GError **error);
/* @comment: (nullable) */
gboolean gp_session_record_satisfaction (GpSession *self, GpActor actor, guint score,
                                         const char *comment, GError **error);
/* At an end step the outcome must be the step's; elsewhere "abandoned", or "escalated"
 * once the session was escalated. */
gboolean gp_session_end                (GpSession *self, GpActor actor, GpOutcome outcome, GError **error);

/* Training: the trainer (@actor must be GP_ACTOR_TRAINER, the session in training mode)
 * makes one of the current step's failures happen on the trainee's screen, and clears it.
 * One injected failure at a time; entering another step (any step-entered) clears it
 * without an event.  The trainee still reports it and takes its recovery as usual. */
gboolean gp_session_inject_failure     (GpSession *self, GpActor actor, const char *failure_id, GError **error);
gboolean gp_session_clear_failure      (GpSession *self, GpActor actor, GError **error);
/* Training: records which scenario (id and version) is played and how; once per session,
 * training mode only, before the first step is completed.  With @hints_allowed FALSE the
 * session refuses hint-revealed from then on. */
gboolean gp_session_start_scenario     (GpSession *self, GpActor actor, const char *scenario_id,
                                        const char *scenario_version, GpScenarioRun run,
                                        gboolean hints_allowed, GError **error);
/* Training classroom: the trainer lets the trainee called @trainee play the agent, and
 * takes the driving back.  One trainee at a time; training mode only; trainer only. */
gboolean gp_session_hand_driving       (GpSession *self, GpActor actor, const char *trainee, GError **error);
gboolean gp_session_take_back_driving  (GpSession *self, GpActor actor, GError **error);

/* State, derived from the events. */
const char    *gp_session_get_id            (GpSession *self);
GpFlow        *gp_session_get_flow          (GpSession *self);
GpSessionMode  gp_session_get_mode          (GpSession *self);
GpFamiliarity  gp_session_get_familiarity   (GpSession *self);
/* Returns: (transfer none) (nullable) */
GpStep        *gp_session_get_current_step  (GpSession *self);
GpActor        gp_session_get_driver        (GpSession *self);
gboolean       gp_session_get_ended         (GpSession *self);
GpOutcome      gp_session_get_outcome       (GpSession *self);
guint          gp_session_get_n_events      (GpSession *self);
guint          gp_session_get_n_unsaved_events (GpSession *self);
/* Returns: (transfer none): the events, in order (element-type GpEvent); do not modify */
GListModel    *gp_session_get_events        (GpSession *self);
/* Returns: (transfer none): the step ids Back returns to, most recent last */
GPtrArray     *gp_session_get_history       (GpSession *self);
guint          gp_session_get_hints_used    (GpSession *self, const char *step_id);
guint          gp_session_get_retries       (GpSession *self, const char *step_id, const char *failure_id);
/* Returns: how often the failure was reported */
guint          gp_session_get_failure_count (GpSession *self, const char *step_id, const char *failure_id);
/* Returns: TRUE when the offer was presented; @answer is set when it was answered too */
gboolean       gp_session_get_offer_state   (GpSession *self, const char *step_id, const char *offer_id,
                                             gboolean *answered, GpOfferAnswer *answer);
/* Returns: microseconds spent on the step so far, over all its visits (event times) */
gint64         gp_session_get_time_on_step  (GpSession *self, const char *step_id);
/* Along the likeliest path from the current step (next, first unvisited choice, no
 * failures) to an end: the steps still to do, current included, and their estimated time. */
guint          gp_session_get_steps_left    (GpSession *self);
double         gp_session_get_seconds_left  (GpSession *self);
/* Returns: TRUE when a retry limit proposes an escalation not yet made */
gboolean       gp_session_get_proposed_escalation (GpSession   *self,
                                                   const char **to,
                                                   GpPriority  *priority,
                                                   const char **reason);
/* Returns: (transfer none) (nullable): the failure injected at the current step, if any */
GpFailure     *gp_session_get_injected_failure (GpSession *self);
/* Returns: (nullable): the scenario played (training), see gp_session_start_scenario() */
const char    *gp_session_get_scenario_id   (GpSession *self);
GpScenarioRun  gp_session_get_scenario_run  (GpSession *self);
gboolean       gp_session_get_hints_allowed (GpSession *self);
/* Returns: (nullable): the trainee the trainer handed the driving to, if any */
const char    *gp_session_get_driving_trainee (GpSession *self);
/* Returns: (transfer full): every part of the state as one canonical text, for comparing */
char          *gp_session_describe_state    (GpSession *self);

G_END_DECLS
