/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <math.h>
#include <glib/gi18n.h>

#include "gp-ui-resources.h"
#include "gp-training-panel.h"

struct _GpTrainingPanel
{
  AdwBin          parent_instance;

  GpTrainingRun  *run;
  GListModel     *feedback;      /* the run's, not a reference */
  GtkWidget      *earlier_row;   /* AdwExpanderRow of the older feedback, owned by feedback_list */
  GPtrArray      *rows;          /* every feedback row, owned by its parent */

  GtkWidget      *practice_group;
  GtkWidget      *assessment_label;
  GtkLabel       *time_label;
  GtkLabel       *score_label;
  GtkListBox     *feedback_list;
};

G_DEFINE_FINAL_TYPE (GpTrainingPanel, gp_training_panel, ADW_TYPE_BIN)

static GtkWidget *
feedback_row_new (GpTrainingFeedback *feedback)
{
  GtkWidget *row = adw_action_row_new ();
  const char *criterion = gp_training_feedback_get_criterion (feedback);
  const char *icon, *style, *kind;
  GtkWidget *image;

  switch (gp_training_feedback_get_kind (feedback))
    {
    case GP_TRAINING_FEEDBACK_GOOD:
      icon = "emblem-ok-symbolic", style = "success", kind = _("Good practice");
      break;
    case GP_TRAINING_FEEDBACK_MISSED:
      icon = "process-stop-symbolic", style = "error", kind = _("Missed");
      break;
    case GP_TRAINING_FEEDBACK_WARNING:
    default:
      icon = "dialog-warning-symbolic", style = "warning", kind = _("Warning");
      break;
    }
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), gp_training_feedback_get_text (feedback));
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
  if (criterion != NULL && *criterion != '\0')
    {
      /* Translators: a reference to a criterion of the standard, e.g. "D4 2.4" */
      g_autofree char *reference = g_strdup_printf (_("D4 %s"), criterion);

      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), reference);
    }
  image = gtk_image_new_from_icon_name (icon);
  gtk_widget_add_css_class (image, style);
  gtk_widget_set_valign (image, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (image), GTK_ACCESSIBLE_PROPERTY_LABEL, kind, -1);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), image);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_add_css_class (row, "training-feedback");
  return row;
}

static void
remove_rows (GpTrainingPanel *self)
{
  for (guint i = 0; i < self->rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->rows, i);

      if (gtk_widget_get_parent (row) == GTK_WIDGET (self->feedback_list))
        gtk_list_box_remove (self->feedback_list, row);
      else
        adw_expander_row_remove (ADW_EXPANDER_ROW (self->earlier_row), row);
    }
  g_ptr_array_set_size (self->rows, 0);
}

/* Newest first: the newest in the list, the older ones folded under "Earlier". */
static void
rebuild (GpTrainingPanel *self)
{
  guint n = self->feedback != NULL ? g_list_model_get_n_items (self->feedback) : 0;
  g_autofree char *earlier = NULL;

  remove_rows (self);
  for (guint i = n; i > 0; i--)
    {
      g_autoptr(GpTrainingFeedback) feedback = g_list_model_get_item (self->feedback, i - 1);
      GtkWidget *row = feedback_row_new (feedback);

      if (i == n)
        gtk_list_box_insert (self->feedback_list, row, 0);
      else
        adw_expander_row_add_row (ADW_EXPANDER_ROW (self->earlier_row), row);
      g_ptr_array_add (self->rows, row);
    }
  earlier = g_strdup_printf (ngettext ("%u earlier", "%u earlier", n > 0 ? n - 1 : 0), n > 0 ? n - 1 : 0);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->earlier_row), _("Earlier Feedback"));
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (self->earlier_row), earlier);
  gtk_widget_set_visible (self->earlier_row, n > 1);
}

static void
update_score (GpTrainingPanel *self)
{
  g_autoptr(GpTrainingScore) score = self->run != NULL ? gp_training_run_get_score (self->run) : NULL;
  g_autofree char *text = NULL;

  if (score != NULL)
    /* Translators: the score of a practice run so far, "12 of 35" */
    text = g_strdup_printf (_("Score so far: %d of %u"),
                            gp_training_score_get_total (score), gp_training_score_get_possible (score));
  gtk_label_set_label (self->score_label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->score_label), text != NULL);
}

/* The time the scenario allows, where the trainee looks for how they are doing. */
static void
update_rules (GpTrainingPanel *self)
{
  double minutes = self->run != NULL ? gp_scenario_get_time_limit_minutes (gp_training_run_get_scenario (self->run)) : -1;
  g_autofree char *time = NULL;
  g_autofree char *note = NULL;

  if (minutes > 0 && isfinite (minutes))
    /* Translators: a scenario's time limit */
    time = g_strdup_printf (ngettext ("Time allowed: %d minute", "Time allowed: %d minutes", (int) ceil (minutes)),
                            (int) ceil (minutes));
  gtk_label_set_label (self->time_label, time != NULL ? time : "");
  gtk_widget_set_visible (GTK_WIDGET (self->time_label), time != NULL && self->run != NULL &&
                          gp_training_run_get_run (self->run) == GP_SCENARIO_RUN_PRACTICE);
  if (time != NULL)
    /* Translators: the assessment note, then the time allowed */
    note = g_strdup_printf (_("%s %s."), _("Assessment: no feedback and no score until the session ends."), time);
  gtk_label_set_label (GTK_LABEL (self->assessment_label),
                       note != NULL ? note : _("Assessment: no feedback and no score until the session ends."));
}

static void
on_feedback_changed (GpTrainingPanel *self)
{
  rebuild (self);
}

static void
on_score_changed (GpTrainingPanel *self)
{
  update_score (self);
}

void
gp_training_panel_set_run (GpTrainingPanel *self,
                           GpTrainingRun   *run)
{
  gboolean practice;

  g_return_if_fail (GP_IS_TRAINING_PANEL (self));
  g_return_if_fail (run == NULL || GP_IS_TRAINING_RUN (run));

  if (self->run == run)
    return;
  if (self->run != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->run, self);
      g_signal_handlers_disconnect_by_data (self->feedback, self);
    }
  g_set_object (&self->run, run);
  self->feedback = run != NULL ? gp_training_run_get_feedback (run) : NULL;
  practice = run != NULL && gp_training_run_get_run (run) == GP_SCENARIO_RUN_PRACTICE;
  if (run != NULL)
    {
      g_signal_connect_object (self->feedback, "items-changed", G_CALLBACK (on_feedback_changed), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (run, "notify::score", G_CALLBACK (on_score_changed), self, G_CONNECT_SWAPPED);
    }
  gtk_widget_set_visible (self->practice_group, practice);
  gtk_widget_set_visible (self->assessment_label, !practice);
  update_rules (self);
  gtk_widget_set_visible (GTK_WIDGET (self), run != NULL);
  rebuild (self);
  update_score (self);
}

guint
gp_training_panel_get_n_rows (GpTrainingPanel *self)
{
  g_return_val_if_fail (GP_IS_TRAINING_PANEL (self), 0);

  return self->rows->len;
}

const char *
gp_training_panel_get_score_text (GpTrainingPanel *self)
{
  g_return_val_if_fail (GP_IS_TRAINING_PANEL (self), NULL);

  return gtk_widget_get_visible (GTK_WIDGET (self->score_label)) ? gtk_label_get_label (self->score_label) : NULL;
}

static void
gp_training_panel_dispose (GObject *object)
{
  GpTrainingPanel *self = GP_TRAINING_PANEL (object);

  if (self->run != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->run, self);
      g_signal_handlers_disconnect_by_data (self->feedback, self);
    }
  g_clear_object (&self->run);
  self->feedback = NULL;
  g_clear_pointer (&self->rows, g_ptr_array_unref);

  /* The template's top child is the bin's: unparent it once, through the bin. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), GP_TYPE_TRAINING_PANEL);

  G_OBJECT_CLASS (gp_training_panel_parent_class)->dispose (object);
}

static void
gp_training_panel_class_init (GpTrainingPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gp_training_panel_dispose;

  (void) gp_ui_get_resource ();
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/gp-training-panel.ui");
#define BIND(name) gtk_widget_class_bind_template_child (widget_class, GpTrainingPanel, name)
  BIND (practice_group);
  BIND (assessment_label);
  BIND (time_label);
  BIND (score_label);
  BIND (feedback_list);
#undef BIND
  gtk_widget_class_set_css_name (widget_class, "trainingpanel");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
gp_training_panel_init (GpTrainingPanel *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->rows = g_ptr_array_new ();
  self->earlier_row = adw_expander_row_new ();
  gtk_widget_set_visible (self->earlier_row, FALSE);
  gtk_list_box_append (self->feedback_list, self->earlier_row);
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Feedback"), -1);
}

GtkWidget *
gp_training_panel_new (void)
{
  return g_object_new (GP_TYPE_TRAINING_PANEL, NULL);
}
