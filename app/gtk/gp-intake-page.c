/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <glib/gi18n.h>

#include "gp-customer-card.h"
#include "gp-gtk-util.h"
#include "gp-session-view-private.h"
#include "gp-intake-page.h"

struct _GpIntakePage
{
  AdwBin         parent_instance;

  GpFlow        *flow;
  GpScenario    *scenario;       /* played by a trainee, or NULL */

  GtkLabel      *title_label;
  GtkLabel      *summary_label;
  AdwComboRow   *mode_row;
  AdwEntryRow   *goal_row;
  AdwComboRow   *familiarity_row;
  GtkStringList *familiarity_model;
  AdwComboRow   *try_again_row;
  GtkWidget     *try_again_group;
  AdwEntryRow   *problem_row;
  AdwPreferencesGroup *plan_group;
  GtkListBox    *plan_list;
  GtkWidget     *prereq_group;
  GtkListBox    *prereq_list;
  GtkWidget     *start_button;
  GpCustomerCard *customer_card;
  GtkWidget     *offer_row;
  GtkSwitch     *offer_switch;
};

G_DEFINE_FINAL_TYPE (GpIntakePage, gp_intake_page, ADW_TYPE_BIN)

static GtkWidget *
plain_row (const char *title,
           const char *subtitle)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  return row;
}

/* The likeliest path, as the flow alone tells it: next, or a question's first answer. */
static void
build_plan (GpIntakePage *self)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);
  GpStep *step = gp_flow_get_start_step (self->flow);
  double seconds = 0, minutes;
  guint n = 0;
  g_autofree char *description = NULL, *estimate = NULL;

  gp_list_box_remove_all (self->plan_list);
  while (step != NULL && !g_hash_table_contains (seen, step) && gp_step_get_kind (step) != GP_STEP_KIND_END)
    {
      const char *next_id;
      g_autofree char *number = g_strdup_printf ("%u", ++n);
      GtkWidget *row = plain_row (gp_step_get_title (step), NULL);
      GtkWidget *label = gtk_label_new (number);

      gtk_widget_add_css_class (label, "plan-number");
      gtk_widget_add_css_class (label, "dim-label");
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), label);
      gtk_list_box_append (self->plan_list, row);

      g_hash_table_add (seen, step);
      if (gp_step_get_estimated_seconds (step) > 0)
        seconds += gp_step_get_estimated_seconds (step);
      next_id = gp_step_get_kind (step) == GP_STEP_KIND_QUESTION && gp_step_get_n_choices (step) > 0
        ? gp_choice_get_next_id (gp_step_get_choice (step, 0)) : gp_step_get_next_id (step);
      step = next_id != NULL ? gp_flow_lookup_step (self->flow, next_id) : NULL;
    }

  minutes = gp_flow_get_estimated_minutes (self->flow);
  if (minutes < 0)
    minutes = seconds / 60;
  estimate = gp_session_view_format_minutes (minutes);
  /* Translators: "6 steps · About 8 minutes" */
  description = g_strdup_printf (ngettext ("%u step · %s", "%u steps · %s", n), n, estimate);
  adw_preferences_group_set_description (self->plan_group, description);
}

static void
build_prerequisites (GpIntakePage *self)
{
  const char * const *items = gp_flow_get_prerequisites (self->flow);

  gp_list_box_remove_all (self->prereq_list);
  for (guint i = 0; items != NULL && items[i] != NULL; i++)
    {
      GtkWidget *row = plain_row (items[i], NULL);

      adw_action_row_add_prefix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("object-select-symbolic"));
      gtk_list_box_append (self->prereq_list, row);
    }
  gtk_widget_set_visible (self->prereq_group, items != NULL && items[0] != NULL);
}

static gboolean
is_blank (const char *text)
{
  for (; text != NULL && *text != '\0'; text++)
    if (!g_ascii_isspace (*text))
      return FALSE;
  return TRUE;
}

static void
on_problem_changed (GpIntakePage *self)
{
  gtk_widget_set_sensitive (self->start_button,
                            !is_blank (gtk_editable_get_text (GTK_EDITABLE (self->problem_row))));
}

/* The wording follows who sits at the screen. */
static void
on_mode_changed (GpIntakePage *self)
{
  gboolean self_service = gp_intake_page_get_mode (self) == GP_SESSION_MODE_SELF_SERVICE;
  const char *items_customer[] = { N_("New to this service"), N_("Has used it before"), NULL };
  const char *items_self[] = { N_("I’m new to this service"), N_("I’ve used it before"), NULL };
  const char **items = self_service ? items_self : items_customer;
  guint selected = adw_combo_row_get_selected (self->familiarity_row);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->familiarity_model));
  const char *translated[3] = { _(items[0]), _(items[1]), NULL };

  gtk_string_list_splice (self->familiarity_model, 0, n, translated);
  adw_combo_row_set_selected (self->familiarity_row, selected == GTK_INVALID_LIST_POSITION ? 0 : selected);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->goal_row),
                                 self_service ? _("What do you want to do?") : _("What is the customer trying to do?"));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->familiarity_row),
                                 self_service ? _("Have you used it before?") : _("Familiarity"));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->problem_row),
                                 self_service ? _("What went wrong, in one line") : _("Agreed problem, in one line"));
  gtk_widget_set_visible (self->try_again_group,
                          gp_intake_page_get_mode (self) == GP_SESSION_MODE_ASSISTED || self->scenario != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->try_again_row), self->scenario == NULL);
  gtk_widget_set_visible (self->offer_row, self->scenario != NULL);
}

void
gp_intake_page_set_flow (GpIntakePage  *self,
                         GpFlow        *flow,
                         const char    *goal,
                         GpSessionMode  mode)
{
  g_return_if_fail (GP_IS_INTAKE_PAGE (self));
  g_return_if_fail (GP_IS_FLOW (flow));

  g_set_object (&self->flow, flow);
  g_clear_object (&self->scenario);
  gp_customer_card_set_scenario (self->customer_card, NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (self->mode_row), TRUE);
  gtk_switch_set_active (self->offer_switch, FALSE);
  gtk_button_set_label (GTK_BUTTON (self->start_button), _("_Start Session"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self->try_again_group),
                                         _("Offer the customer one more go at the website on their own, with Guidepost’s hints. Record what they said."));
  gtk_label_set_label (self->title_label, gp_flow_get_title (flow));
  gtk_label_set_label (self->summary_label, gp_flow_get_summary (flow));
  gtk_widget_set_visible (GTK_WIDGET (self->summary_label), gp_flow_get_summary (flow) != NULL);
  adw_combo_row_set_selected (self->mode_row, (guint) mode);
  on_mode_changed (self);
  adw_combo_row_set_selected (self->familiarity_row, GP_FAMILIARITY_NEW);
  adw_combo_row_set_selected (self->try_again_row, GP_TRY_AGAIN_NOT_OFFERED);
  gtk_editable_set_text (GTK_EDITABLE (self->goal_row), goal != NULL ? goal : "");
  gtk_editable_set_text (GTK_EDITABLE (self->problem_row),
                         goal != NULL && *goal != '\0' ? goal : gp_flow_get_title (flow));
  build_plan (self);
  build_prerequisites (self);
}

void
gp_intake_page_set_scenario (GpIntakePage  *self,
                             GpScenario    *scenario,
                             GpScenarioRun  run)
{
  g_return_if_fail (GP_IS_INTAKE_PAGE (self));
  g_return_if_fail (GP_IS_SCENARIO (scenario));
  g_return_if_fail (self->flow != NULL);

  g_set_object (&self->scenario, scenario);
  gp_customer_card_set_scenario (self->customer_card, scenario);
  gtk_label_set_label (self->title_label, gp_scenario_get_title (scenario));
  gtk_label_set_label (self->summary_label, gp_scenario_get_summary (scenario));
  gtk_widget_set_visible (GTK_WIDGET (self->summary_label), TRUE);
  adw_combo_row_set_selected (self->mode_row, GP_SESSION_MODE_TRAINING);
  gtk_widget_set_sensitive (GTK_WIDGET (self->mode_row), FALSE);
  on_mode_changed (self);
  adw_combo_row_set_selected (self->familiarity_row, (guint) gp_scenario_get_persona_familiarity (scenario));
  gtk_editable_set_text (GTK_EDITABLE (self->goal_row), gp_scenario_get_persona_goal (scenario));
  /* Agreeing the problem, in the agent's words, is the trainee's to do (D4 1.5). */
  gtk_editable_set_text (GTK_EDITABLE (self->problem_row), "");
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self->try_again_group),
                                         _("Offer the customer one more go at the website on their own, with Guidepost’s hints."));
  gtk_button_set_label (GTK_BUTTON (self->start_button),
                        run == GP_SCENARIO_RUN_ASSESSMENT ? _("_Start Assessment") : _("_Start Practice"));
}

GpSessionMode
gp_intake_page_get_mode (GpIntakePage *self)
{
  guint selected;

  g_return_val_if_fail (GP_IS_INTAKE_PAGE (self), GP_SESSION_MODE_ASSISTED);

  selected = adw_combo_row_get_selected (self->mode_row);
  return selected <= GP_SESSION_MODE_TRAINING ? (GpSessionMode) selected : GP_SESSION_MODE_ASSISTED;
}

GpFamiliarity
gp_intake_page_get_familiarity (GpIntakePage *self)
{
  g_return_val_if_fail (GP_IS_INTAKE_PAGE (self), GP_FAMILIARITY_NEW);

  return adw_combo_row_get_selected (self->familiarity_row) == 1 ? GP_FAMILIARITY_FAMILIAR : GP_FAMILIARITY_NEW;
}

GpTryAgainAnswer
gp_intake_page_get_try_again (GpIntakePage *self)
{
  guint selected;

  g_return_val_if_fail (GP_IS_INTAKE_PAGE (self), GP_TRY_AGAIN_NOT_OFFERED);

  if (self->scenario != NULL)
    return gtk_switch_get_active (self->offer_switch) ? GP_TRY_AGAIN_OFFERED : GP_TRY_AGAIN_NOT_OFFERED;
  if (gp_intake_page_get_mode (self) != GP_SESSION_MODE_ASSISTED)
    return GP_TRY_AGAIN_NOT_OFFERED;
  selected = adw_combo_row_get_selected (self->try_again_row);
  return selected <= GP_TRY_AGAIN_ACCEPTED ? (GpTryAgainAnswer) selected : GP_TRY_AGAIN_NOT_OFFERED;
}

const char *
gp_intake_page_get_goal (GpIntakePage *self)
{
  g_return_val_if_fail (GP_IS_INTAKE_PAGE (self), NULL);

  return gtk_editable_get_text (GTK_EDITABLE (self->goal_row));
}

const char *
gp_intake_page_get_agreed_problem (GpIntakePage *self)
{
  g_return_val_if_fail (GP_IS_INTAKE_PAGE (self), NULL);

  return gtk_editable_get_text (GTK_EDITABLE (self->problem_row));
}

static void
gp_intake_page_dispose (GObject *object)
{
  GpIntakePage *self = GP_INTAKE_PAGE (object);

  g_clear_object (&self->flow);
  g_clear_object (&self->scenario);

  /* The template's top child is the bin's: unparent it once, through the bin. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), GP_TYPE_INTAKE_PAGE);

  G_OBJECT_CLASS (gp_intake_page_parent_class)->dispose (object);
}

static void
gp_intake_page_class_init (GpIntakePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gp_intake_page_dispose;

  g_type_ensure (GP_TYPE_CUSTOMER_CARD);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/gp-intake-page.ui");
#define BIND(name) gtk_widget_class_bind_template_child (widget_class, GpIntakePage, name)
  BIND (title_label);
  BIND (summary_label);
  BIND (mode_row);
  BIND (goal_row);
  BIND (familiarity_row);
  BIND (familiarity_model);
  BIND (try_again_row);
  BIND (try_again_group);
  BIND (problem_row);
  BIND (plan_group);
  BIND (plan_list);
  BIND (prereq_group);
  BIND (prereq_list);
  BIND (start_button);
  BIND (customer_card);
  BIND (offer_row);
  BIND (offer_switch);
#undef BIND
  gtk_widget_class_bind_template_callback (widget_class, on_mode_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_problem_changed);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
gp_intake_page_init (GpIntakePage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  on_mode_changed (self);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Before the session"), -1);
}

GtkWidget *
gp_intake_page_new (void)
{
  return g_object_new (GP_TYPE_INTAKE_PAGE, NULL);
}
