/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <glib/gi18n.h>

#include "gp-fault-console.h"
#include "gp-gtk-util.h"
#include "gp-session-view-private.h"

struct _GpFaultConsole
{
  AdwBin      parent_instance;

  GpSession  *session;
  GpStep     *step;          /* the rows were built for this step ... */
  GpFailure  *injected;      /* ... with this failure injected */
  gboolean    built;

  GtkWidget  *group;
  GtkWidget  *expander;
  GPtrArray  *rows;          /* AdwActionRow, owned by the expander */
};

G_DEFINE_FINAL_TYPE (GpFaultConsole, gp_fault_console, ADW_TYPE_BIN)

static GtkWidget *
failure_row_new (GpFailure *failure,
                 gboolean   injected,
                 gboolean   blocked)
{
  gboolean system = gp_failure_get_cause (failure) == GP_FAILURE_CAUSE_SYSTEM;
  const char *symptom = gp_failure_get_symptom (failure);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *button;
  g_autofree char *subtitle = NULL;
  g_autofree char *name = NULL;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), symptom != NULL && *symptom != '\0'
                                 ? symptom : gp_failure_get_id (failure));
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  subtitle = g_strdup_printf ("%s%s", system ? _("Caused by the system") : _("Caused by the customer"),
                              injected ? _(" · showing on the trainee’s screen now") : "");
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 3);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row),
                             gtk_image_new_from_icon_name (system ? "network-error-symbolic"
                                                                  : "avatar-default-symbolic"));

  button = gtk_button_new_with_mnemonic (injected ? _("_Clear") : _("_Inject"));
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  if (injected)
    {
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "session.clear-failure");
      gtk_widget_add_css_class (button, "suggested-action");
      /* Translators: %s is what the customer sees, e.g. "The page does not load" */
      name = g_strdup_printf (_("Clear “%s”"), symptom != NULL ? symptom : "");
    }
  else
    {
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "session.inject-failure");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", gp_failure_get_id (failure));
      gtk_widget_add_css_class (button, system ? "destructive-action" : "flat");
      /* Translators: %s is what the customer sees, e.g. "The page does not load" */
      name = g_strdup_printf (_("Inject “%s”"), symptom != NULL ? symptom : "");
      if (blocked)
        gtk_widget_set_tooltip_text (button, _("One failure at a time: clear the injected one first"));
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  g_object_set_data (G_OBJECT (row), "gp-failure-id", (gpointer) gp_failure_get_id (failure));
  g_object_set_data (G_OBJECT (row), "gp-button", button);
  if (injected)
    gtk_widget_add_css_class (row, "injected");
  return row;
}

void
gp_fault_console_update (GpFaultConsole *self)
{
  GpStep *step;
  GpFailure *injected;
  gboolean shown;
  g_autofree char *subtitle = NULL;

  g_return_if_fail (GP_IS_FAULT_CONSOLE (self));

  step = self->session != NULL ? gp_session_get_current_step (self->session) : NULL;
  /* For the trainer only: never on a co-browsing customer's or trainee's mirror, nor to
   * a trainee playing a scenario (its script injects the failures). */
  shown = step != NULL && !gp_session_get_ended (self->session) &&
          gp_session_get_mode (self->session) == GP_SESSION_MODE_TRAINING &&
          gp_session_get_scenario_id (self->session) == NULL &&
          g_object_get_data (G_OBJECT (self->session), GP_SESSION_VIEW_CUSTOMER_KEY) == NULL &&
          g_object_get_data (G_OBJECT (self->session), GP_SESSION_VIEW_TRAINEE_KEY) == NULL;
  gtk_widget_set_visible (GTK_WIDGET (self), shown);
  if (!shown)
    return;

  injected = gp_session_get_injected_failure (self->session);
  if (self->built && step == self->step && injected == self->injected)
    return;

  for (guint i = 0; i < self->rows->len; i++)
    adw_expander_row_remove (ADW_EXPANDER_ROW (self->expander), g_ptr_array_index (self->rows, i));
  g_ptr_array_set_size (self->rows, 0);
  self->step = step;
  self->injected = injected;
  self->built = TRUE;

  for (guint i = 0; i < gp_step_get_n_failures (step); i++)
    {
      GpFailure *failure = gp_step_get_failure (step, i);
      GtkWidget *row = failure_row_new (failure, failure == injected, injected != NULL);

      adw_expander_row_add_row (ADW_EXPANDER_ROW (self->expander), row);
      g_ptr_array_add (self->rows, row);
    }

  if (gp_step_get_n_failures (step) == 0)
    subtitle = g_strdup (_("This step defines no failures"));
  else if (injected != NULL)
    /* Translators: %s is the injected failure's symptom */
    subtitle = g_strdup_printf (_("Injected: %s"), gp_failure_get_symptom (injected));
  else
    subtitle = g_strdup_printf (ngettext ("%u failure can be injected at this step",
                                             "%u failures can be injected at this step",
                                             gp_step_get_n_failures (step)),
                                gp_step_get_n_failures (step));
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (self->expander), subtitle);
  adw_expander_row_set_enable_expansion (ADW_EXPANDER_ROW (self->expander), gp_step_get_n_failures (step) > 0);
}

static void
on_event_applied (GpFaultConsole *self)
{
  gp_fault_console_update (self);
}

void
gp_fault_console_set_session (GpFaultConsole *self,
                              GpSession      *session)
{
  g_return_if_fail (GP_IS_FAULT_CONSOLE (self));
  g_return_if_fail (session == NULL || GP_IS_SESSION (session));

  if (!gp_set_watched_object (&self->session, session, self))
    return;
  self->built = FALSE;
  if (session != NULL)
    g_signal_connect_object (session, "event-applied", G_CALLBACK (on_event_applied), self, G_CONNECT_SWAPPED);
  gp_fault_console_update (self);
}

GtkWidget *
gp_fault_console_get_expander (GpFaultConsole *self)
{
  g_return_val_if_fail (GP_IS_FAULT_CONSOLE (self), NULL);

  return self->expander;
}

static void
gp_fault_console_dispose (GObject *object)
{
  GpFaultConsole *self = GP_FAULT_CONSOLE (object);

  gp_set_watched_object (&self->session, NULL, self);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  G_OBJECT_CLASS (gp_fault_console_parent_class)->dispose (object);
}

static void
gp_fault_console_class_init (GpFaultConsoleClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = gp_fault_console_dispose;
  gtk_widget_class_set_css_name (GTK_WIDGET_CLASS (klass), "faultconsole");
}

static void
gp_fault_console_init (GpFaultConsole *self)
{
  self->rows = g_ptr_array_new ();
  self->group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self->group), _("Fault Console"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self->group),
                                         _("Training: make something go wrong on the trainee’s screen, as a customer would see it"));
  self->expander = adw_expander_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->expander), _("Failures at this step"));
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (self->expander), TRUE);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->group), self->expander);
  gtk_widget_add_css_class (GTK_WIDGET (self), "fault-console");
  adw_bin_set_child (ADW_BIN (self), self->group);
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
}

GtkWidget *
gp_fault_console_new (void)
{
  return g_object_new (GP_TYPE_FAULT_CONSOLE, NULL);
}
