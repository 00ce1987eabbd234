/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <glib/gi18n.h>

#include "gp-ui-resources.h"
#include "gp-gtk-util.h"
#include "gp-score-report.h"

struct _GpScoreReport
{
  AdwBin           parent_instance;

  GpTrainingScore *score;

  GtkLabel        *total_label;
  GtkWidget       *practice_group;
  GtkListBox      *practice_list;
  GtkWidget       *deductions_group;
  GtkListBox      *deductions_list;
};

G_DEFINE_FINAL_TYPE (GpScoreReport, gp_score_report, ADW_TYPE_BIN)

static gboolean
is_deduction (GpTrainingScoreItem *item)
{
  return gp_training_score_item_get_possible (item) == 0;
}

/* "+5", "0", "−2" (a true minus sign) */
static char *
format_points (int points)
{
  if (points > 0)
    return g_strdup_printf ("+%d", points);
  if (points < 0)
    return g_strdup_printf ("−%d", -points);
  return g_strdup ("0");
}

static GtkWidget *
label_new (const char *text,
           const char *style)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  if (style != NULL)
    gtk_widget_add_css_class (label, style);
  return label;
}

static GtkWidget *
item_row_new (GpTrainingScoreItem *item)
{
  int points = gp_training_score_item_get_points (item);
  guint possible = gp_training_score_item_get_possible (item);
  const char *criterion = gp_training_score_item_get_criterion (item);
  const char *explanation = gp_training_score_item_get_explanation (item);
  const char *style = points > 0 ? "success" : points < 0 ? "error" : "dim-label";
  g_autofree char *points_text = format_points (points);
  g_autofree char *reference = NULL;
  g_autofree char *accessible = NULL;
  g_autofree char *points_words = NULL;
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *points_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *points_label = gtk_label_new (points_text);

  gtk_widget_add_css_class (box, "score-item");
  gtk_widget_set_hexpand (text, TRUE);
  gtk_box_append (GTK_BOX (text), label_new (gp_training_score_item_get_title (item), "heading"));
  if (explanation != NULL && *explanation != '\0')
    gtk_box_append (GTK_BOX (text), label_new (explanation, NULL));
  if (criterion != NULL && *criterion != '\0')
    {
      /* Translators: a reference to a criterion of the standard, e.g. "D4 2.4" */
      reference = g_strdup_printf (_("D4 %s"), criterion);
      gtk_box_append (GTK_BOX (text), label_new (reference, "caption"));
      gtk_widget_add_css_class (gtk_widget_get_last_child (text), "dim-label");
    }
  gtk_box_append (GTK_BOX (box), text);

  gtk_widget_add_css_class (points_label, "score-points");
  gtk_widget_add_css_class (points_label, "title-4");
  gtk_widget_add_css_class (points_label, style);
  gtk_label_set_xalign (GTK_LABEL (points_label), 1);
  gtk_box_append (GTK_BOX (points_box), points_label);
  if (possible > 0)
    {
      /* Translators: below the points given, what they were out of: "of 5" */
      g_autofree char *of = g_strdup_printf (_("of %u"), possible);
      GtkWidget *of_label = gtk_label_new (of);

      gtk_label_set_xalign (GTK_LABEL (of_label), 1);
      gtk_widget_add_css_class (of_label, "caption");
      gtk_widget_add_css_class (of_label, "dim-label");
      gtk_box_append (GTK_BOX (points_box), of_label);
      /* Translators: "5 of 5 points" */
      points_words = g_strdup_printf (ngettext ("%d of %u point", "%d of %u points", possible), points, possible);
    }
  else
    /* Translators: a deduction, "minus 2 points" */
    points_words = g_strdup_printf (ngettext ("minus %d point", "minus %d points", ABS (points)), ABS (points));
  gtk_widget_set_valign (points_box, GTK_ALIGN_START);
  gtk_box_append (GTK_BOX (box), points_box);

  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  accessible = g_strdup_printf ("%s: %s. %s%s%s", gp_training_score_item_get_title (item), points_words,
                                explanation != NULL ? explanation : "",
                                reference != NULL ? " " : "", reference != NULL ? reference : "");
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
  g_object_set_data_full (G_OBJECT (row), "gp-score-item-id", g_strdup (gp_training_score_item_get_id (item)), g_free);
  return row;
}

static void
update (GpScoreReport *self)
{
  GListModel *items = self->score != NULL ? gp_training_score_get_items (self->score) : NULL;
  guint n = items != NULL ? g_list_model_get_n_items (items) : 0;
  guint n_practice = 0, n_deductions = 0;
  g_autofree char *total = NULL;
  g_autofree char *accessible = NULL;

  gp_list_box_remove_all (self->practice_list);
  gp_list_box_remove_all (self->deductions_list);
  if (self->score == NULL)
    {
      gtk_label_set_label (self->total_label, "");
      return;
    }

  /* Translators: the score of a scenario, "27 of 35" */
  total = g_strdup_printf (_("%d of %u"), gp_training_score_get_total (self->score),
                           gp_training_score_get_possible (self->score));
  gtk_label_set_label (self->total_label, total);
  /* Translators: "Score: 27 of 35 points" */
  accessible = g_strdup_printf (_("Score: %s points"), total);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->total_label), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GpTrainingScoreItem) item = g_list_model_get_item (items, i);

      if (is_deduction (item))
        {
          gtk_list_box_append (self->deductions_list, item_row_new (item));
          n_deductions++;
        }
      else
        {
          gtk_list_box_append (self->practice_list, item_row_new (item));
          n_practice++;
        }
    }
  gtk_widget_set_visible (self->practice_group, n_practice > 0);
  gtk_widget_set_visible (self->deductions_group, n_deductions > 0);
}

void
gp_score_report_set_score (GpScoreReport   *self,
                           GpTrainingScore *score)
{
  g_return_if_fail (GP_IS_SCORE_REPORT (self));
  g_return_if_fail (score == NULL || GP_IS_TRAINING_SCORE (score));

  if (!g_set_object (&self->score, score))
    return;
  update (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "report.copy", score != NULL);
}

GpTrainingScore *
gp_score_report_get_score (GpScoreReport *self)
{
  g_return_val_if_fail (GP_IS_SCORE_REPORT (self), NULL);

  return self->score;
}

const char *
gp_score_report_get_total_text (GpScoreReport *self)
{
  g_return_val_if_fail (GP_IS_SCORE_REPORT (self), NULL);

  return gtk_label_get_label (self->total_label);
}

char *
gp_score_report_to_text (GpScoreReport *self)
{
  GString *text;
  GListModel *items;

  g_return_val_if_fail (GP_IS_SCORE_REPORT (self), NULL);

  text = g_string_new (NULL);
  if (self->score == NULL)
    return g_string_free (text, FALSE);

  items = gp_training_score_get_items (self->score);
  /* Translators: the first line of a copied score report, "Score: 27 of 35" */
  g_string_append_printf (text, _("Score: %s"), gtk_label_get_label (self->total_label));
  g_string_append_c (text, '\n');
  for (guint i = 0; i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr(GpTrainingScoreItem) item = g_list_model_get_item (items, i);
      g_autofree char *points = format_points (gp_training_score_item_get_points (item));
      const char *criterion = gp_training_score_item_get_criterion (item);

      g_string_append_printf (text, "\n%s\t%s", points, gp_training_score_item_get_title (item));
      if (criterion != NULL && *criterion != '\0')
        g_string_append_printf (text, " (D4 %s)", criterion);
      g_string_append_printf (text, "\n\t%s\n", gp_training_score_item_get_explanation (item));
    }
  return g_string_free (text, FALSE);
}

static void
copy_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  GpScoreReport *self = GP_SCORE_REPORT (widget);
  g_autofree char *text = gp_score_report_to_text (self);
  GtkWidget *overlay;

  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), text);
  overlay = gtk_widget_get_ancestor (widget, ADW_TYPE_TOAST_OVERLAY);
  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (_("Score report copied")));
}

static void
gp_score_report_dispose (GObject *object)
{
  GpScoreReport *self = GP_SCORE_REPORT (object);

  g_clear_object (&self->score);

  /* The template's top child is the bin's: unparent it once, through the bin. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), GP_TYPE_SCORE_REPORT);

  G_OBJECT_CLASS (gp_score_report_parent_class)->dispose (object);
}

static void
gp_score_report_class_init (GpScoreReportClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gp_score_report_dispose;

  (void) gp_ui_get_resource ();
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/gp-score-report.ui");
#define BIND(name) gtk_widget_class_bind_template_child (widget_class, GpScoreReport, name)
  BIND (total_label);
  BIND (practice_group);
  BIND (practice_list);
  BIND (deductions_group);
  BIND (deductions_list);
#undef BIND
  gtk_widget_class_install_action (widget_class, "report.copy", NULL, copy_activated);
  gtk_widget_class_set_css_name (widget_class, "scorereport");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
gp_score_report_init (GpScoreReport *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "report.copy", FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Score report"), -1);
}

GtkWidget *
gp_score_report_new (void)
{
  return g_object_new (GP_TYPE_SCORE_REPORT, NULL);
}
