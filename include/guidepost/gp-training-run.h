/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <guidepost/gp-session.h>
#include <guidepost/gp-scenario.h>
#include <guidepost/gp-training-score.h>

G_BEGIN_DECLS

/* A trainee playing the agent against a scenario (docs/scenario-format.md, "Playing a
 * scenario"): the run plays the customer's side from the script (injects the cues'
 * failures as the trainer, says the cues' lines, answers the try-again offer and the
 * offers as the scenario's replies say) and watches the trainee's actions.  In practice
 * it gives feedback after each action; in an assessment nothing until the session ends.
 * The score is always gp_training_score_compute() over the session's events, so the
 * same events give the same score, live or from the journal. */

typedef enum {
  GP_TRAINING_FEEDBACK_GOOD,     /* a piece of expected practice shown */
  GP_TRAINING_FEEDBACK_MISSED,   /* a moment for expected practice went by */
  GP_TRAINING_FEEDBACK_WARNING,  /* e.g. a hint cost a point, over time */
} GpTrainingFeedbackKind;

#define GP_TYPE_TRAINING_FEEDBACK (gp_training_feedback_get_type ())
G_DECLARE_FINAL_TYPE (GpTrainingFeedback, gp_training_feedback, GP, TRAINING_FEEDBACK, GObject)

GpTrainingFeedbackKind gp_training_feedback_get_kind      (GpTrainingFeedback *self);
/* A sentence to the trainee: "You explained why the bank needs a new password (2.4)." */
const char            *gp_training_feedback_get_text      (GpTrainingFeedback *self);
/* Returns: (nullable): the D4 reference, "2.4" */
const char            *gp_training_feedback_get_criterion (GpTrainingFeedback *self);
/* Returns: the seq of the event that prompted it */
guint64                gp_training_feedback_get_seq       (GpTrainingFeedback *self);

#define GP_TYPE_TRAINING_RUN (gp_training_run_get_type ())
G_DECLARE_FINAL_TYPE (GpTrainingRun, gp_training_run, GP, TRAINING_RUN, GObject)

/* Starts playing @scenario in @session: the session must be in training mode, on the
 * scenario's flow (id and exact version), before its first step is completed; records
 * `scenario-started` (as the trainer) with hints allowed always in practice (each hint
 * still costs a point) and as the scenario says in an assessment.  @run: practice or
 * assessment.  The customer reacts from idle sources of the thread-default main context
 * of the caller: iterate it (tests) for cues and answers to be recorded.
 * Returns: (transfer full) (nullable): NULL with a GP_SESSION_ERROR */
GpTrainingRun      *gp_training_run_new             (GpScenario     *scenario,
                                                     GpSession      *session,
                                                     GpScenarioRun   run,
                                                     GError        **error);
/* Plays on in a session that already plays @scenario (same id and version; a session
 * continued from the journal): cues that fired stay fired, the feedback is rebuilt from
 * the events, and a try-again or offer the customer had not answered is answered now.
 * Returns: (transfer full) (nullable): NULL with a GP_SESSION_ERROR */
GpTrainingRun      *gp_training_run_resume          (GpScenario     *scenario,
                                                     GpSession      *session,
                                                     GError        **error);
GpScenario         *gp_training_run_get_scenario    (GpTrainingRun  *self);
GpSession          *gp_training_run_get_session     (GpTrainingRun  *self);
GpScenarioRun       gp_training_run_get_run         (GpTrainingRun  *self);
/* Returns: (transfer none): feedback so far (element-type GpTrainingFeedback); stays
 * empty in an assessment until the session ends */
GListModel         *gp_training_run_get_feedback    (GpTrainingRun  *self);
/* Returns: (transfer none) (nullable): the customer's last line, NULL before the first */
const char         *gp_training_run_get_last_said   (GpTrainingRun  *self);
/* What the scripted customer answers when asked the satisfaction question. */
guint               gp_training_run_get_satisfaction_reply (GpTrainingRun *self,
                                                            const char   **comment);
/* Returns: (transfer full) (nullable): the score; NULL until the session has ended in
 * an assessment, the score so far in practice */
GpTrainingScore    *gp_training_run_get_score       (GpTrainingRun  *self);
/* Timed cues: the run checks them on a one-second timer of the main context; tests call
 * this after moving the session's clock instead. */
void                gp_training_run_tick            (GpTrainingRun  *self);

/* Signals: ::customer-said (const char *text) when the scripted customer speaks;
 * notify::score (property "score") when the score is computed again (practice: every
 * event; assessment: once, at the end); notify::last-said with ::customer-said. */

G_END_DECLS
