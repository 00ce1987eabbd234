/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <math.h>
#include <string.h>
#include <glib/gi18n.h>

#include "gp-failure-panel.h"
#include "gp-fault-console.h"
#include "gp-mock-screen.h"
#include "gp-offer-banner.h"
#include "gp-session-view-private.h"
#include "gp-step-view.h"
#include "gp-customer-card.h"
#include "gp-training-panel.h"

struct _GpStepView
{
  AdwBin          parent_instance;

  GpSession      *session;
  gulong          event_handler;
  GpStep         *step;          /* what the step parts were built for ... */
  guint64         entered_seq;   /* ... and at which visit */
  gboolean        failures_open;
  guint           n_hints_shown;
  GpFailure      *shown_failure;
  char           *pointed_step;  /* co-browse: where someone points, live only */
  char           *pointed_element;

  GpOfferBanner  *offer_banner;
  GtkScrolledWindow *scroller;
  GtkLabel       *progress_label;
  GtkLabel       *title_label;
  GtkLabel       *instruction_label;
  GpMockScreen   *mock_screen;
  GpFaultConsole *fault_console;
  GtkWidget      *question_box;
  GtkLabel       *question_label;
  GtkWidget      *choices_box;
  GtkWidget      *checks_group;
  GtkListBox     *checks_list;
  GtkWidget      *why_box;
  GtkWidget      *why_button;
  GtkWidget      *why_card;
  GtkLabel       *why_title;
  GtkLabel       *why_label;
  GtkWidget      *talk_box;
  GtkLabel       *talk_label;
  GtkWidget      *hints_box;
  GtkWidget      *hint_list;
  GtkWidget      *hint_button;
  GtkWidget      *escalation_box;
  GtkLabel       *escalation_label;
  GtkRevealer    *failure_revealer;
  GpFailurePanel *failure_panel;
  GtkWidget      *help_row;
  GtkWidget      *wrong_button;
  GtkWidget      *need_help_button;
  GtkWidget      *back_button;
  GtkWidget      *next_button;
  GpCustomerCard *customer_card;
  GpTrainingPanel *training_panel;
  GtkWidget      *offers_group;
  GtkListBox     *offers_list;
  char           *offers_shown;   /* ids of the offers listed, to rebuild only on change */
};

G_DEFINE_FINAL_TYPE (GpStepView, gp_step_view, ADW_TYPE_BIN)

static gboolean
has_text (const char *text)
{
  return text != NULL && *text != '\0';
}

static void
clear_box (GtkWidget *box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (box)) != NULL)
    {
      if (GTK_IS_LIST_BOX (box))
        gtk_list_box_remove (GTK_LIST_BOX (box), child);
      else
        gtk_box_remove (GTK_BOX (box), child);
    }
}

static GtkWidget *
check_row_new (const char *label,
               guint       index)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *pass = gtk_button_new_with_mnemonic (_("_Pass"));
  GtkWidget *fail = gtk_button_new_with_mnemonic (_("_Fail"));
  GtkWidget *done = gtk_image_new_from_icon_name ("object-select-symbolic");
  g_autofree char *pass_name = g_strdup_printf (_("Pass: %s"), label);
  g_autofree char *fail_name = g_strdup_printf (_("Fail: %s"), label);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), label);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);

  gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (pass), "session.pass-check");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (pass), "u", index);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (fail), "session.fail-check");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (fail), "u", index);
  gtk_accessible_update_property (GTK_ACCESSIBLE (pass), GTK_ACCESSIBLE_PROPERTY_LABEL, pass_name, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (fail), GTK_ACCESSIBLE_PROPERTY_LABEL, fail_name, -1);
  gtk_widget_add_css_class (done, "success");
  gtk_widget_set_visible (done, FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (done), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Passed"), -1);
  gtk_box_append (GTK_BOX (box), fail);
  gtk_box_append (GTK_BOX (box), pass);
  gtk_box_append (GTK_BOX (box), done);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), box);

  g_object_set_data (G_OBJECT (row), "gp-pass", pass);
  g_object_set_data (G_OBJECT (row), "gp-fail", fail);
  g_object_set_data (G_OBJECT (row), "gp-done", done);
  return row;
}

static GtkWidget *
hint_label_new (const char *text,
                guint       level)
{
  g_autofree char *title = g_strdup_printf (_("Hint %u"), level);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *heading = gtk_label_new (title);
  GtkWidget *label = gtk_label_new (text);

  gtk_widget_add_css_class (box, "hint");
  gtk_widget_add_css_class (heading, "caption-heading");
  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_box_append (GTK_BOX (box), heading);
  gtk_box_append (GTK_BOX (box), label);
  return box;
}

/* The parts that only change when another step (or another visit) is entered. */
static void
build_step (GpStepView *self,
            GpStep     *step)
{
  gboolean self_service = gp_session_view_is_self_service (self->session);
  GpStepKind kind = gp_step_get_kind (step);
  const char * const *checks;
  const char *why;

  gtk_label_set_label (self->title_label, gp_step_get_title (step));
  gtk_label_set_label (self->instruction_label, gp_step_get_instruction (step));
  gtk_widget_set_visible (GTK_WIDGET (self->instruction_label), has_text (gp_step_get_instruction (step)));
  gp_mock_screen_set_step (self->mock_screen, step);
  if (g_strcmp0 (self->pointed_step, gp_step_get_id (step)) == 0)
    gp_mock_screen_set_pointed (self->mock_screen, self->pointed_element);
  else
    {
      g_clear_pointer (&self->pointed_step, g_free);
      g_clear_pointer (&self->pointed_element, g_free);
    }

  clear_box (self->choices_box);
  gtk_widget_set_visible (self->question_box, kind == GP_STEP_KIND_QUESTION);
  if (kind == GP_STEP_KIND_QUESTION)
    {
      gtk_label_set_label (self->question_label, gp_step_get_question (step));
      for (guint i = 0; i < gp_step_get_n_choices (step); i++)
        {
          GtkWidget *button = gtk_button_new_with_label (gp_choice_get_label (gp_step_get_choice (step, i)));
          GtkWidget *label = gtk_button_get_child (GTK_BUTTON (button));

          gtk_label_set_wrap (GTK_LABEL (label), TRUE);
          gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
          gtk_label_set_xalign (GTK_LABEL (label), 0);
          gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "session.choose");
          gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "u", i);
          gtk_widget_add_css_class (button, "choice-button");
          gtk_box_append (GTK_BOX (self->choices_box), button);
        }
    }

  clear_box (GTK_WIDGET (self->checks_list));
  checks = gp_step_get_checks (step);
  gtk_widget_set_visible (self->checks_group, kind == GP_STEP_KIND_IDENTITY_CHECK && checks != NULL);
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self->checks_group),
                                         self_service
                                         ? _("Answer each question on the website. Guidepost never asks for your answers.")
                                         : _("Ask each question and compare the answer with the records. Mark it passed or failed: the answers are never typed or kept."));
  for (guint i = 0; checks != NULL && checks[i] != NULL; i++)
    gtk_list_box_append (self->checks_list, check_row_new (checks[i], i));

  why = gp_step_get_why (step);
  gtk_widget_set_visible (self->why_box, has_text (why));
  gtk_label_set_label (self->why_label, why);
  gtk_label_set_label (self->why_title, self_service ? _("Why you need to do this") : _("Why this step is needed"));
  gtk_button_set_label (GTK_BUTTON (self->why_button), self_service ? _("_Why Do I Need to Do This?")
                                                                    : _("_Why Is This Needed?"));
  gtk_button_set_label (GTK_BUTTON (self->hint_button), self_service ? _("Show Me a _Hint") : _("Give a _Hint"));

  clear_box (self->hint_list);
  self->n_hints_shown = 0;
  self->failures_open = FALSE;
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), 0);
}

static const char *
priority_text (GpPriority priority)
{
  switch (priority)
    {
    case GP_PRIORITY_LOW: return _("low");
    case GP_PRIORITY_HIGH: return _("high");
    case GP_PRIORITY_URGENT: return _("urgent");
    case GP_PRIORITY_NORMAL:
    default: return _("normal");
    }
}

static char *
format_progress (GpSession *session)
{
  guint done = gp_session_get_history (session)->len;
  guint left = gp_session_get_steps_left (session);
  double seconds = gp_session_get_seconds_left (session);
  int minutes = isfinite (seconds) && seconds > 0 ? (int) ceil (seconds / 60) : 0;
  g_autofree char *steps = NULL;

  /* Translators: "Step 3 of about 9" */
  steps = g_strdup_printf (_("Step %u of about %u"), done + 1, done + MAX (left, 1));
  if (minutes <= 0)
    return g_steal_pointer (&steps);
  /* Translators: the first %s is "Step 3 of about 9", then minutes left */
  return g_strdup_printf (ngettext ("%s · about %d min left", "%s · about %d min left", minutes), steps, minutes);
}

static GtkWidget *
offer_row_new (GpOffer *offer)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *button = gtk_button_new_with_mnemonic (_("_Mention"));
  /* Translators: %s is an offer's title, e.g. "Free security text alerts" */
  g_autofree char *name = g_strdup_printf (_("Mention “%s”"), gp_offer_get_title (offer));

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), gp_offer_get_title (offer));
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), gp_offer_get_pitch (offer));
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "session.make-offer");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", gp_offer_get_id (offer));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  return row;
}

/* Training: in a scenario the trainee chooses when to mention the step's offers (it is
 * scored), so they are listed rather than made at their moment. */
static void
update_scenario_offers (GpStepView *self,
                        GpStep     *step,
                        gboolean    shown)
{
  g_autoptr(GString) ids = g_string_new (NULL);

  for (guint i = 0; shown && i < gp_step_get_n_offers (step); i++)
    {
      GpOffer *offer = gp_step_get_offer (step, i);

      if (!gp_session_get_offer_state (self->session, gp_step_get_id (step), gp_offer_get_id (offer), NULL, NULL))
        g_string_append_printf (ids, "%s\n", gp_offer_get_id (offer));
    }
  gtk_widget_set_visible (self->offers_group, ids->len > 0);
  if (g_strcmp0 (self->offers_shown, ids->str) == 0)
    return;
  g_free (self->offers_shown);
  self->offers_shown = g_strdup (ids->str);
  clear_box (GTK_WIDGET (self->offers_list));
  for (guint i = 0; i < gp_step_get_n_offers (step); i++)
    {
      GpOffer *offer = gp_step_get_offer (step, i);
      g_autofree char *line = g_strdup_printf ("%s\n", gp_offer_get_id (offer));

      if (strstr (ids->str, line) != NULL)
        gtk_list_box_append (self->offers_list, offer_row_new (offer));
    }
}

static void
update_offer (GpStepView *self,
              GpStep     *step)
{
  const char *step_id = gp_step_get_id (step);

  /* Shows what the session says was presented here and not yet answered. */
  for (guint i = 0; i < gp_step_get_n_offers (step); i++)
    {
      GpOffer *offer = gp_step_get_offer (step, i);
      gboolean answered = FALSE;

      if (gp_session_get_offer_state (self->session, step_id, gp_offer_get_id (offer), &answered, NULL) && !answered)
        {
          gp_offer_banner_set_offer (self->offer_banner, step_id, offer);
          return;
        }
    }
  gp_offer_banner_set_offer (self->offer_banner, NULL, NULL);
}

void
gp_step_view_update (GpStepView *self)
{
  GpVisit visit = { 0 };
  GpStep *step;
  GpStepKind kind;
  gboolean self_service, familiar, ended, scenario;
  guint hints_used;
  const char * const *hints;
  const char *to = NULL, *reason = NULL;
  GpPriority priority;
  g_autofree char *progress = NULL;
  GtkWidget *row;
  guint i;

  g_return_if_fail (GP_IS_STEP_VIEW (self));

  if (self->session == NULL || (step = gp_session_get_current_step (self->session)) == NULL)
    return;

  gp_session_view_read_visit (self->session, &visit);
  if (step != self->step || visit.entered_seq != self->entered_seq)
    {
      self->step = step;
      self->entered_seq = visit.entered_seq;
      build_step (self, step);
    }

  kind = gp_step_get_kind (step);
  ended = gp_session_get_ended (self->session);
  self_service = gp_session_view_is_self_service (self->session);
  familiar = gp_session_get_familiarity (self->session) == GP_FAMILIARITY_FAMILIAR;

  progress = format_progress (self->session);
  gtk_label_set_label (self->progress_label, progress);

  /* The why: always there for a new customer, one press away for a familiar one; a
   * trainee playing a scenario explains it by choice (it is scored). */
  scenario = gp_session_get_scenario_id (self->session) != NULL;
  gtk_widget_set_visible (self->why_button, (familiar || scenario) && !visit.why_shown);
  gtk_widget_set_visible (self->why_card, (!familiar && !scenario) || visit.why_shown);

  {
    const char *talk = familiar ? gp_step_get_talk_familiar (step) : gp_step_get_talk_new (step);

    if (!has_text (talk))
      talk = familiar ? gp_step_get_talk_new (step) : gp_step_get_talk_familiar (step);
    gtk_label_set_label (self->talk_label, talk);
    gtk_widget_set_visible (self->talk_box, !self_service && has_text (talk));
  }

  hints = gp_step_get_hints (step);
  hints_used = MIN (gp_session_get_hints_used (self->session, gp_step_get_id (step)), gp_step_get_n_hints (step));
  if (hints_used < self->n_hints_shown)
    {
      clear_box (self->hint_list);
      self->n_hints_shown = 0;
    }
  for (; self->n_hints_shown < hints_used; self->n_hints_shown++)
    gtk_box_append (GTK_BOX (self->hint_list), hint_label_new (hints[self->n_hints_shown], self->n_hints_shown + 1));
  gtk_widget_set_visible (self->hints_box, hints_used > 0);
  if (hints_used > 0)
    gtk_button_set_label (GTK_BUTTON (self->hint_button),
                          self_service ? _("Show Me Another _Hint") : _("Give Another _Hint"));

  for (row = gtk_widget_get_first_child (GTK_WIDGET (self->checks_list)), i = 0;
       row != NULL; row = gtk_widget_get_next_sibling (row), i++)
    {
      gboolean passed = i < 64 && (visit.checks_passed & (G_GUINT64_CONSTANT (1) << i)) != 0;

      gtk_widget_set_visible (g_object_get_data (G_OBJECT (row), "gp-pass"), !passed);
      gtk_widget_set_visible (g_object_get_data (G_OBJECT (row), "gp-fail"), !passed);
      gtk_widget_set_visible (g_object_get_data (G_OBJECT (row), "gp-done"), passed);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), passed ? _("Passed") : NULL);
    }

  gtk_widget_set_visible (self->next_button, kind != GP_STEP_KIND_QUESTION && kind != GP_STEP_KIND_END);
  gtk_widget_set_visible (gtk_widget_get_parent (self->wrong_button), gp_step_get_n_failures (step) > 0);
  gtk_widget_set_visible (gtk_widget_get_parent (self->hint_button), gp_step_get_n_hints (step) > 0);
  gtk_widget_set_tooltip_text (self->hint_button, gp_session_get_hints_allowed (self->session) ? NULL
                               : _("This scenario is played without hints"));
  gtk_widget_set_visible (self->help_row, gp_step_get_n_failures (step) > 0 || gp_step_get_n_hints (step) > 0);
  /* The hand-off needs the customer's own journal: a co-browsing customer has none. */
  gtk_widget_set_visible (self->need_help_button, gp_session_get_mode (self->session) == GP_SESSION_MODE_SELF_SERVICE);

  /* Training: the injected failure, as the customer sees it. */
  gp_mock_screen_set_failure (self->mock_screen, ended ? NULL : gp_session_get_injected_failure (self->session));
  gp_fault_console_update (self->fault_console);

  gp_failure_panel_update (self->failure_panel);
  if (visit.open_failure != self->shown_failure)
    {
      self->shown_failure = visit.open_failure;
      if (visit.open_failure != NULL && gtk_widget_get_mapped (GTK_WIDGET (self)))
        gp_failure_panel_focus_recovery (self->failure_panel);
    }
  /* Focus must not stay in a panel that goes away (and GTK 4.8 keeps such a focus alive). */
  if (!(!ended && (self->failures_open || visit.open_failure != NULL)) &&
      gtk_widget_get_visible (GTK_WIDGET (self->failure_revealer)))
    {
      GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
      GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

      if (focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (self->failure_revealer)))
        gtk_root_set_focus (root, NULL);
    }
  gtk_revealer_set_reveal_child (self->failure_revealer, !ended && (self->failures_open || visit.open_failure != NULL));
  gtk_widget_set_visible (GTK_WIDGET (self->failure_revealer), gtk_revealer_get_reveal_child (self->failure_revealer));
  /* The button shows (and says) whether the failures are listed; a click toggles both. */
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (self->wrong_button),
                                gtk_revealer_get_reveal_child (self->failure_revealer));
  gtk_accessible_update_state (GTK_ACCESSIBLE (self->wrong_button), GTK_ACCESSIBLE_STATE_EXPANDED,
                               gtk_revealer_get_reveal_child (self->failure_revealer), -1);

  if (gp_session_get_proposed_escalation (self->session, &to, &priority, &reason))
    {
      g_autofree char *text = NULL;

      if (has_text (reason))
        /* Translators: escalate to %s (a team), with a priority, because %s */
        text = g_strdup_printf (_("Pass this on to %s (%s priority): %s"), to, priority_text (priority), reason);
      else
        text = g_strdup_printf (_("Pass this on to %s (%s priority)."), to, priority_text (priority));
      gtk_label_set_label (self->escalation_label, text);
    }
  gtk_widget_set_visible (self->escalation_box, !ended && to != NULL);

  update_offer (self, step);
  update_scenario_offers (self, step, scenario && !ended);
}

void
gp_step_view_toggle_failures (GpStepView *self)
{
  g_return_if_fail (GP_IS_STEP_VIEW (self));

  self->failures_open = !self->failures_open;
  gp_step_view_update (self);
  if (self->failures_open)
    gtk_widget_grab_focus (gp_failure_panel_get_search_entry (self->failure_panel));
}

void
gp_step_view_set_training_run (GpStepView    *self,
                               GpTrainingRun *run)
{
  g_return_if_fail (GP_IS_STEP_VIEW (self));
  g_return_if_fail (run == NULL || GP_IS_TRAINING_RUN (run));

  gp_customer_card_set_run (self->customer_card, run);
  if (run == NULL)
    gp_customer_card_set_scenario (self->customer_card, NULL);
  gp_training_panel_set_run (self->training_panel, run);
}

GpOffer *
gp_step_view_get_shown_offer (GpStepView  *self,
                              const char **step_id)
{
  g_return_val_if_fail (GP_IS_STEP_VIEW (self), NULL);

  if (step_id != NULL)
    *step_id = gp_offer_banner_get_step_id (self->offer_banner);
  return gp_offer_banner_get_offer (self->offer_banner);
}

void
gp_step_view_set_pointed (GpStepView *self,
                          const char *step_id,
                          const char *element_id)
{
  g_return_if_fail (GP_IS_STEP_VIEW (self));

  g_free (self->pointed_step);
  g_free (self->pointed_element);
  self->pointed_step = g_strdup (step_id);
  self->pointed_element = g_strdup (element_id);
  gp_mock_screen_set_pointed (self->mock_screen,
                              self->step != NULL && g_strcmp0 (step_id, gp_step_get_id (self->step)) == 0
                              ? element_id : NULL);
}

void
gp_step_view_set_pointing (GpStepView *self,
                           gboolean    pointing)
{
  g_return_if_fail (GP_IS_STEP_VIEW (self));

  gp_mock_screen_set_pointing (self->mock_screen, pointing);
}

static void
on_element_picked (GpStepView *self,
                   const char *element_id)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "session.point", "s", element_id);
}

static void
on_event_applied (GpStepView *self)
{
  gp_step_view_update (self);
}

void
gp_step_view_set_session (GpStepView *self,
                          GpSession  *session)
{
  g_return_if_fail (GP_IS_STEP_VIEW (self));
  g_return_if_fail (session == NULL || GP_IS_SESSION (session));

  if (self->session == session)
    return;

  if (self->session != NULL)
    g_clear_signal_handler (&self->event_handler, self->session);
  g_set_object (&self->session, session);
  self->step = NULL;
  self->entered_seq = 0;
  if (session != NULL)
    self->event_handler = g_signal_connect_object (session, "event-applied",
                                                   G_CALLBACK (on_event_applied), self, G_CONNECT_SWAPPED);
  gp_failure_panel_set_session (self->failure_panel, session);
  gp_fault_console_set_session (self->fault_console, session);
  gp_step_view_update (self);
}

static void
gp_step_view_dispose (GObject *object)
{
  GpStepView *self = GP_STEP_VIEW (object);

  if (self->session != NULL)
    g_clear_signal_handler (&self->event_handler, self->session);
  g_clear_object (&self->session);
  self->step = NULL;
  g_clear_pointer (&self->pointed_step, g_free);
  g_clear_pointer (&self->pointed_element, g_free);
  g_clear_pointer (&self->offers_shown, g_free);

  /* The template's top child is the bin's: unparent it once, through the bin. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), GP_TYPE_STEP_VIEW);

  G_OBJECT_CLASS (gp_step_view_parent_class)->dispose (object);
}

static void
gp_step_view_class_init (GpStepViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gp_step_view_dispose;

  g_type_ensure (GP_TYPE_OFFER_BANNER);
  g_type_ensure (GP_TYPE_MOCK_SCREEN);
  g_type_ensure (GP_TYPE_FAILURE_PANEL);
  g_type_ensure (GP_TYPE_FAULT_CONSOLE);
  g_type_ensure (GP_TYPE_CUSTOMER_CARD);
  g_type_ensure (GP_TYPE_TRAINING_PANEL);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/gp-step-view.ui");
#define BIND(name) gtk_widget_class_bind_template_child (widget_class, GpStepView, name)
  BIND (offer_banner);
  BIND (scroller);
  BIND (progress_label);
  BIND (title_label);
  BIND (instruction_label);
  BIND (mock_screen);
  BIND (fault_console);
  BIND (question_box);
  BIND (question_label);
  BIND (choices_box);
  BIND (checks_group);
  BIND (checks_list);
  BIND (why_box);
  BIND (why_button);
  BIND (why_card);
  BIND (why_title);
  BIND (why_label);
  BIND (talk_box);
  BIND (talk_label);
  BIND (hints_box);
  BIND (hint_list);
  BIND (hint_button);
  BIND (escalation_box);
  BIND (escalation_label);
  BIND (failure_revealer);
  BIND (failure_panel);
  BIND (help_row);
  BIND (wrong_button);
  BIND (need_help_button);
  BIND (back_button);
  BIND (next_button);
  BIND (customer_card);
  BIND (training_panel);
  BIND (offers_group);
  BIND (offers_list);
#undef BIND
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
gp_step_view_init (GpStepView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Current step"), -1);

  /* The buttons reflow on narrow screens; their flow-box wrappers take no focus. */
  for (GtkWidget *child = gtk_widget_get_first_child (self->help_row); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    gtk_widget_set_focusable (child, FALSE);

  g_signal_connect_object (self->mock_screen, "element-picked", G_CALLBACK (on_element_picked), self,
                           G_CONNECT_SWAPPED);
}

GtkWidget *
gp_step_view_new (void)
{
  return g_object_new (GP_TYPE_STEP_VIEW, NULL);
}
