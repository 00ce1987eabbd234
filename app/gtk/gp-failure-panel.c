/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <glib/gi18n.h>

#include "gp-session-view-private.h"
#include "gp-failure-panel.h"
#include "gp-gtk-util.h"

struct _GpFailurePanel
{
  AdwBin          parent_instance;

  GpSession      *session;
  GpStep         *step;      /* the step the list was built for */
  GpFailure      *open_failure;
  char          **words;     /* the search, folded */

  GtkLabel       *title_label;
  GtkSearchEntry *search_entry;
  GtkListBox     *failure_list;
  GtkWidget      *no_match_label;
  GtkWidget      *detail_box;
  GtkLabel       *symptom_label;
  GtkLabel       *cause_label;
  GtkLabel       *explanation_label;
  GtkWidget      *say_box;
  GtkLabel       *say_label;
  GtkWidget      *recovery_button;
  GtkLabel       *limit_label;
};

G_DEFINE_FINAL_TYPE (GpFailurePanel, gp_failure_panel, ADW_TYPE_BIN)

static const char *
cause_text (GpFailure *failure)
{
  return gp_failure_get_cause (failure) == GP_FAILURE_CAUSE_SYSTEM
    ? _("System problem") : _("Customer mistake");
}

/* Every word of the search starts a word of the symptom or the explanation. */
static gboolean
failure_matches (GpFailure   *failure,
                 char       **words)
{
  g_autofree char *text = NULL;
  g_auto(GStrv) tokens = NULL;

  if (words == NULL || words[0] == NULL)
    return TRUE;

  text = g_strconcat (gp_failure_get_symptom (failure), " ", gp_failure_get_explanation (failure), NULL);
  tokens = g_str_tokenize_and_fold (text, NULL, NULL);
  for (guint i = 0; words[i] != NULL; i++)
    {
      gboolean found = FALSE;

      for (guint j = 0; tokens[j] != NULL && !found; j++)
        found = g_str_has_prefix (tokens[j], words[i]);
      if (!found)
        return FALSE;
    }
  return TRUE;
}

static gboolean
filter_row (GtkListBoxRow *row,
            gpointer       user_data)
{
  GpFailurePanel *self = user_data;
  GpFailure *failure = g_object_get_data (G_OBJECT (row), "gp-failure");

  return failure_matches (failure, self->words);
}

guint
gp_failure_panel_get_n_visible (GpFailurePanel *self)
{
  guint n = 0;

  g_return_val_if_fail (GP_IS_FAILURE_PANEL (self), 0);

  if (self->step == NULL)
    return 0;
  for (guint i = 0; i < gp_step_get_n_failures (self->step); i++)
    n += failure_matches (gp_step_get_failure (self->step, i), self->words);
  return n;
}

static void
on_search_changed (GpFailurePanel *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));

  g_strfreev (self->words);
  self->words = g_str_tokenize_and_fold (text, NULL, NULL);
  gtk_list_box_invalidate_filter (self->failure_list);
  gtk_widget_set_visible (self->no_match_label,
                          self->step != NULL && gp_step_get_n_failures (self->step) > 0 &&
                          gp_failure_panel_get_n_visible (self) == 0);
}

static void
rebuild_list (GpFailurePanel *self)
{
  gp_list_box_remove_all (self->failure_list);

  if (self->step == NULL)
    return;

  for (guint i = 0; i < gp_step_get_n_failures (self->step); i++)
    {
      GpFailure *failure = gp_step_get_failure (self->step, i);
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), gp_failure_get_symptom (failure));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), cause_text (failure));
      adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "session.report-failure");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (row), "s", gp_failure_get_id (failure));
      g_object_set_data (G_OBJECT (row), "gp-failure", failure);
      gtk_list_box_append (self->failure_list, row);
    }
}

void
gp_failure_panel_update (GpFailurePanel *self)
{
  GpStep *step = NULL;
  GpVisit visit = { 0 };
  gboolean self_service;

  g_return_if_fail (GP_IS_FAILURE_PANEL (self));

  if (self->session != NULL)
    {
      step = gp_session_get_current_step (self->session);
      gp_session_view_read_visit (self->session, &visit);
    }

  if (step != self->step)
    {
      self->step = step;
      gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
      rebuild_list (self);
    }

  self_service = self->session != NULL && gp_session_view_is_self_service (self->session);
  gtk_label_set_label (self->title_label, self_service ? _("What went wrong for you?")
                                                       : _("What did the customer see?"));
  g_object_set (self->search_entry, "placeholder-text",
                self_service ? _("Describe it in your own words") : _("Type the customer’s words"), NULL);

  /* Once a failure is reported, its recovery is all that matters here. */
  gtk_widget_set_visible (GTK_WIDGET (self->search_entry), visit.open_failure == NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->failure_list), visit.open_failure == NULL);
  if (visit.open_failure != NULL)
    gtk_widget_set_visible (self->no_match_label, FALSE);
  gtk_button_set_label (GTK_BUTTON (self->recovery_button),
                        self_service ? _("_Show Me What to Do") : _("_Take Recovery"));
  self->open_failure = visit.open_failure;
  gtk_widget_set_visible (self->detail_box, visit.open_failure != NULL);
  if (visit.open_failure != NULL)
    {
      GpFailure *failure = visit.open_failure;
      const char *say = gp_failure_get_say (failure);
      guint limit = gp_failure_get_retry_limit (failure);
      guint retries = gp_session_get_retries (self->session, gp_step_get_id (step), gp_failure_get_id (failure));
      gboolean at_limit = limit > 0 && retries >= limit;

      gtk_label_set_label (self->symptom_label, gp_failure_get_symptom (failure));
      gtk_label_set_label (self->cause_label,
                           !self_service ? cause_text (failure)
                           : gp_failure_get_cause (failure) == GP_FAILURE_CAUSE_SYSTEM
                           ? _("A problem on the website, not something you did")
                           : _("An easy slip to make: here is how to put it right"));
      gtk_label_set_label (self->explanation_label, gp_failure_get_explanation (failure));
      gtk_label_set_label (self->say_label, say);
      gtk_widget_set_visible (self->say_box, !self_service && say != NULL && *say != '\0');
      gtk_widget_set_visible (self->recovery_button, !at_limit);
      gtk_widget_set_visible (GTK_WIDGET (self->limit_label), at_limit);
      if (at_limit)
        {
          g_autofree char *text =
            g_strdup_printf (ngettext ("This has been tried %u time, its limit: escalate instead.",
                                       "This has been tried %u times, its limit: escalate instead.", retries),
                             retries);
          gtk_label_set_label (self->limit_label, text);
        }
    }
}

GpFailure *
gp_failure_panel_get_open_failure (GpFailurePanel *self)
{
  g_return_val_if_fail (GP_IS_FAILURE_PANEL (self), NULL);

  return self->open_failure;
}

void
gp_failure_panel_focus_recovery (GpFailurePanel *self)
{
  g_return_if_fail (GP_IS_FAILURE_PANEL (self));

  /* Also scrolls the recovery into view. */
  if (gtk_widget_get_visible (self->recovery_button))
    gtk_widget_grab_focus (self->recovery_button);
}

GtkWidget *
gp_failure_panel_get_search_entry (GpFailurePanel *self)
{
  g_return_val_if_fail (GP_IS_FAILURE_PANEL (self), NULL);

  return GTK_WIDGET (self->search_entry);
}

void
gp_failure_panel_set_session (GpFailurePanel *self,
                              GpSession      *session)
{
  g_return_if_fail (GP_IS_FAILURE_PANEL (self));

  if (g_set_object (&self->session, session))
    {
      self->step = NULL;
      rebuild_list (self);
    }
  gp_failure_panel_update (self);
}

static void
gp_failure_panel_dispose (GObject *object)
{
  GpFailurePanel *self = GP_FAILURE_PANEL (object);

  g_clear_object (&self->session);
  self->step = NULL;

  /* The template's top child is the bin's: unparent it once, through the bin. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), GP_TYPE_FAILURE_PANEL);

  G_OBJECT_CLASS (gp_failure_panel_parent_class)->dispose (object);
}

static void
gp_failure_panel_finalize (GObject *object)
{
  GpFailurePanel *self = GP_FAILURE_PANEL (object);

  g_strfreev (self->words);

  G_OBJECT_CLASS (gp_failure_panel_parent_class)->finalize (object);
}

static void
gp_failure_panel_class_init (GpFailurePanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gp_failure_panel_dispose;
  object_class->finalize = gp_failure_panel_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/gp-failure-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, GpFailurePanel, title_label);
  gtk_widget_class_bind_template_child (widget_class, GpFailurePanel, search_entry);
  gtk_widget_class_bind_template_child (widget_class, GpFailurePanel, failure_list);
  gtk_widget_class_bind_template_child (widget_class, GpFailurePanel, no_match_label);
  gtk_widget_class_bind_template_child (widget_class, GpFailurePanel, detail_box);
  gtk_widget_class_bind_template_child (widget_class, GpFailurePanel, symptom_label);
  gtk_widget_class_bind_template_child (widget_class, GpFailurePanel, cause_label);
  gtk_widget_class_bind_template_child (widget_class, GpFailurePanel, explanation_label);
  gtk_widget_class_bind_template_child (widget_class, GpFailurePanel, say_box);
  gtk_widget_class_bind_template_child (widget_class, GpFailurePanel, say_label);
  gtk_widget_class_bind_template_child (widget_class, GpFailurePanel, recovery_button);
  gtk_widget_class_bind_template_child (widget_class, GpFailurePanel, limit_label);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
gp_failure_panel_init (GpFailurePanel *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_list_box_set_filter_func (self->failure_list, filter_row, self, NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Something went wrong"), -1);
}

GtkWidget *
gp_failure_panel_new (void)
{
  return g_object_new (GP_TYPE_FAILURE_PANEL, NULL);
}
