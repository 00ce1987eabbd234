/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Training: a scenario played by the trainee as the agent against a scripted customer
 * (docs/scenario-format.md).  The view only starts the GpTrainingRun and shows what it
 * says: the customer card, the feedback and score so far in practice, the score report
 * at the end. */


#include <glib/gi18n.h>

#include "gp-end-page.h"
#include "gp-intake-page.h"
#include "gp-session-view-private.h"
#include "gp-step-view.h"

void
gp_session_view_start_scenario (GpSessionView *self,
                                GpScenario    *scenario,
                                GpFlow        *flow,
                                GpJournal     *journal,
                                GpScenarioRun  run)
{
  g_return_if_fail (GP_IS_SESSION_VIEW (self));
  g_return_if_fail (GP_IS_SCENARIO (scenario));
  g_return_if_fail (GP_IS_FLOW (flow));
  g_return_if_fail (journal == NULL || GP_IS_JOURNAL (journal));
  g_return_if_fail (run == GP_SCENARIO_RUN_PRACTICE || run == GP_SCENARIO_RUN_ASSESSMENT);

  gp_session_view_start (self, flow, journal, gp_scenario_get_persona_goal (scenario), GP_SESSION_MODE_TRAINING);
  g_set_object (&self->scenario, scenario);
  self->scenario_run = run;
  gp_intake_page_set_scenario (self->intake_page, scenario, run);
  gp_session_view_set_title (self, gp_scenario_get_title (scenario));
  gp_session_view_update (self);
}

GpTrainingRun *
gp_session_view_get_training_run (GpSessionView *self)
{
  g_return_val_if_fail (GP_IS_SESSION_VIEW (self), NULL);

  return self->training_run;
}

void
gp_session_view_training_attach (GpSessionView *self,
                                 GpSession     *session)
{
  g_autoptr(GError) error = NULL;

  g_clear_object (&self->training_run);
  if (self->scenario == NULL)
    return;
  /* Before the pages see the session: the run then hears each event before they do. */
  self->training_run = gp_training_run_new (self->scenario, session, self->scenario_run, &error);
  if (self->training_run == NULL)
    gp_session_view_report (self, error);
}

/* A session that plays a scenario, shown without its run (continued from the journal):
 * the run plays on, so the script, the feedback and the score go on too. */
static void
resume_run (GpSessionView *self)
{
  g_autoptr(GpScenario) scenario = NULL;
  g_autoptr(GError) error = NULL;

  scenario = gp_scenario_load_bundled (gp_session_get_scenario_id (self->session),
                                       gp_session_get_flow (self->session), &error);
  if (scenario != NULL)
    self->training_run = gp_training_run_resume (scenario, self->session, &error);
  if (self->training_run == NULL)
    {
      g_prefix_error (&error, _("Scenario “%s” cannot go on: "), gp_session_get_scenario_id (self->session));
      gp_session_view_report (self, error);
      return;
    }
  g_set_object (&self->scenario, scenario);
  self->scenario_run = gp_training_run_get_run (self->training_run);
  gp_session_view_set_title (self, gp_scenario_get_title (scenario));
}

void
gp_session_view_training_show (GpSessionView *self)
{
  /* A run belongs to one session: another one shown is not played. */
  if (self->training_run != NULL && gp_training_run_get_session (self->training_run) != self->session)
    g_clear_object (&self->training_run);
  if (self->training_run == NULL && self->session != NULL && self->remote == NULL &&
      gp_session_get_scenario_id (self->session) != NULL)
    resume_run (self);
  gp_step_view_set_training_run (self->step_view, self->training_run);
  gp_end_page_set_training_run (self->end_page, self->training_run);
}

void
gp_session_view_training_dispose (GpSessionView *self)
{
  g_clear_object (&self->training_run);
  g_clear_object (&self->scenario);
}

/* The trainee mentions one of the step's offers; the scripted customer answers. */
static void
make_offer_activated (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  GpSessionView *self = GP_SESSION_VIEW (widget);
  g_autoptr(GError) error = NULL;

  if (!gp_session_view_is_open (self) || self->remote != NULL)
    return;
  if (!gp_session_present_offer (self->session, gp_session_view_actor_for (self->session),
                                 g_variant_get_string (parameter, NULL), &error))
    gp_session_view_report (self, error);
}

void
gp_session_view_training_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "session.make-offer", "s", make_offer_activated);
}
