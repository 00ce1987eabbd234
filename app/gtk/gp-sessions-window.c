/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <glib/gi18n.h>
#include <guidepost/guidepost.h>

#include "gp-evidence-window.h"
#include "gp-gtk-util.h"
#include "gp-journal-row.h"
#include "gp-replay-window.h"
#include "gp-sessions-window.h"
#include "gp-write-file.h"

struct _GpSessionsWindow
{
  AdwWindow            parent_instance;

  GpJournal           *journal;
  GpFlowLibrary       *library;
  /* The file chooser while it is open. */
  GtkFileChooserNative *chooser;
  GpExportFormat       chooser_format;
  /* Which sessions Export writes: "all", or those started in the last "week" or "month". */
  char                *export_period;

  AdwToastOverlay     *toast_overlay;
  GtkStack            *stack;
  GtkListBox          *session_list;
  AdwStatusPage       *empty_page;
  AdwStatusPage       *no_journal_page;
};

G_DEFINE_FINAL_TYPE (GpSessionsWindow, gp_sessions_window, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_EXPORT_PERIOD,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The start of the day @days before today, local time; NULL for every session. */
static GDateTime *
period_start (const char *period)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) today = g_date_time_new_local (g_date_time_get_year (now), g_date_time_get_month (now),
                                                      g_date_time_get_day_of_month (now), 0, 0, 0);

  if (g_strcmp0 (period, "week") == 0)
    return g_date_time_add_days (today, -6);
  if (g_strcmp0 (period, "month") == 0)
    return g_date_time_add_days (today, -29);
  return NULL;
}

static GtkWidget *
create_session_row (gpointer item,
                    gpointer user_data)
{
  GpSessionsWindow *self = user_data;
  GpJournalSession *session = GP_JOURNAL_SESSION (item);
  GtkWidget *row = gp_journal_row_new (session, self->library, GP_JOURNAL_ROW_RECORD, NULL);
  GtkWidget *replay = gtk_button_new_from_icon_name ("media-playback-start-symbolic");

  /* A replay needs the flow; without it the button says why it cannot. */
  gtk_widget_set_valign (replay, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (replay, "flat");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (replay), "sessions.replay");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (replay), "s", gp_journal_session_get_id (session));
  gtk_widget_set_tooltip_text (replay, _("Replay"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (replay), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Replay this session"), -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), replay);
  return row;
}

gboolean
gp_sessions_window_replay (GpSessionsWindow *self,
                           const char       *session_id,
                           GError          **error)
{
  g_return_val_if_fail (GP_IS_SESSIONS_WINDOW (self), FALSE);

  return gp_replay_window_open (GTK_WINDOW (self), self->journal, self->library, session_id, error);
}

static void
gp_sessions_window_replay_action (GtkWidget  *widget,
                                  const char *action_name,
                                  GVariant   *parameter)
{
  GpSessionsWindow *self = GP_SESSIONS_WINDOW (widget);
  g_autoptr(GError) error = NULL;

  if (!gp_sessions_window_replay (self, g_variant_get_string (parameter, NULL), &error))
    gp_show_message (GTK_WINDOW (self), _("This Session Cannot Be Replayed"), error->message);
}

static void
gp_sessions_window_update_page (GpSessionsWindow *self)
{
  gboolean has_sessions = self->journal != NULL && g_list_model_get_n_items (G_LIST_MODEL (self->journal)) > 0;

  if (self->journal == NULL)
    gtk_stack_set_visible_child_name (self->stack, "no-journal");
  else if (has_sessions)
    gtk_stack_set_visible_child_name (self->stack, "sessions");
  else
    gtk_stack_set_visible_child_name (self->stack, "empty");

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "sessions.export", has_sessions);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "sessions.evidence", self->journal != NULL);
}

static void
on_sessions_changed (GpSessionsWindow *self)
{
  gp_sessions_window_update_page (self);
}

typedef struct {
  GpJournal      *journal;
  GpExportFormat  format;
  GDateTime      *since;
} Export;

static gboolean
write_export (GOutputStream  *out,
              gpointer        data,
              GError        **error)
{
  Export *export = data;

  return gp_session_export (export->journal, export->format, export->since, out, NULL, error);
}

gboolean
gp_sessions_window_export_to (GpSessionsWindow *self,
                              GFile            *file,
                              GpExportFormat    format,
                              GError          **error)
{
  g_autoptr(GDateTime) since = period_start (self->export_period);
  Export export = { self->journal, format, since };
  g_autofree char *name = NULL;
  g_autofree char *basename = NULL;
  g_autofree char *done = NULL;
  g_autofree char *failed = NULL;

  g_return_val_if_fail (GP_IS_SESSIONS_WINDOW (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (self->journal == NULL)
    {
      g_set_error (error, GP_JOURNAL_ERROR, GP_JOURNAL_ERROR_IO, _("The journal could not be opened"));
      return FALSE;
    }
  name = g_file_get_parse_name (file);
  basename = g_file_get_basename (file);
  /* Translators: %s is a file name */
  done = g_strdup_printf (_("Sessions exported to “%s”"), basename);
  /* Translators: %s is the file the sessions were to be written to */
  failed = g_strdup_printf (_("Could not export to “%s”"), name);
  return gp_write_file (GTK_WINDOW (self), self->toast_overlay, file, write_export, &export, done, failed, error);
}

static void
on_chooser_response (GpSessionsWindow *self,
                     int               response,
                     GtkNativeDialog  *chooser)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      if (file != NULL)
        gp_sessions_window_export_to (self, file, self->chooser_format, NULL);
    }

  g_clear_object (&self->chooser);
}

static void
gp_sessions_window_export (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  GpSessionsWindow *self = GP_SESSIONS_WINDOW (widget);
  const char *format = g_variant_get_string (parameter, NULL);
  gboolean csv = g_str_equal (format, "csv");

  if (self->chooser != NULL)
    return;

  self->chooser_format = csv ? GP_EXPORT_FORMAT_CSV : GP_EXPORT_FORMAT_JSON;
  self->chooser = gp_save_chooser_new (GTK_WINDOW (self),
                                       csv ? _("Export Sessions as CSV") : _("Export Sessions as JSON"),
                                       _("_Export"), "guidepost-sessions",
                                       csv ? _("CSV files") : _("JSON files"),
                                       csv ? "text/csv" : "application/json",
                                       csv ? "csv" : "json");

  g_signal_connect_object (self->chooser, "response", G_CALLBACK (on_chooser_response), self,
                           G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

GtkWidget *
gp_sessions_window_show_evidence (GpSessionsWindow *self)
{
  GtkWidget *window;

  g_return_val_if_fail (GP_IS_SESSIONS_WINDOW (self), NULL);
  g_return_val_if_fail (self->journal != NULL, NULL);

  window = gp_evidence_window_new (self->journal);
  gtk_window_set_transient_for (GTK_WINDOW (window), GTK_WINDOW (self));
  gtk_window_present (GTK_WINDOW (window));
  return window;
}

static void
gp_sessions_window_evidence_action (GtkWidget  *widget,
                                    const char *action_name,
                                    GVariant   *parameter)
{
  gp_sessions_window_show_evidence (GP_SESSIONS_WINDOW (widget));
}

static void
gp_sessions_window_dispose (GObject *object)
{
  GpSessionsWindow *self = GP_SESSIONS_WINDOW (object);

  if (self->chooser != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->chooser, self);
      gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
      g_clear_object (&self->chooser);
    }
  if (self->session_list != NULL)
    gtk_list_box_bind_model (self->session_list, NULL, NULL, NULL, NULL);
  if (self->journal != NULL)
    g_signal_handlers_disconnect_by_data (self->journal, self);

  gtk_widget_dispose_template (GTK_WIDGET (self), GP_TYPE_SESSIONS_WINDOW);
  g_clear_object (&self->journal);
  g_clear_object (&self->library);

  G_OBJECT_CLASS (gp_sessions_window_parent_class)->dispose (object);
}

static void
gp_sessions_window_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  GpSessionsWindow *self = GP_SESSIONS_WINDOW (object);

  switch (prop_id)
    {
    case PROP_EXPORT_PERIOD:
      g_value_set_string (value, self->export_period);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gp_sessions_window_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  GpSessionsWindow *self = GP_SESSIONS_WINDOW (object);
  const char *period;

  switch (prop_id)
    {
    case PROP_EXPORT_PERIOD:
      period = g_value_get_string (value);
      /* Anything else is every session. */
      if (g_strcmp0 (period, "week") != 0 && g_strcmp0 (period, "month") != 0)
        period = "all";
      if (g_strcmp0 (period, self->export_period) != 0)
        {
          g_free (self->export_period);
          self->export_period = g_strdup (period);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gp_sessions_window_finalize (GObject *object)
{
  g_free (GP_SESSIONS_WINDOW (object)->export_period);

  G_OBJECT_CLASS (gp_sessions_window_parent_class)->finalize (object);
}

static void
gp_sessions_window_class_init (GpSessionsWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gp_sessions_window_dispose;
  object_class->finalize = gp_sessions_window_finalize;
  object_class->get_property = gp_sessions_window_get_property;
  object_class->set_property = gp_sessions_window_set_property;

  /* "all", "week" (started in the last 7 days) or "month" (the last 30). */
  properties[PROP_EXPORT_PERIOD] = g_param_spec_string ("export-period", NULL, NULL, "all",
                                                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY |
                                                        G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/gp-sessions-window.ui");
  gtk_widget_class_bind_template_child (widget_class, GpSessionsWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, GpSessionsWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, GpSessionsWindow, session_list);
  gtk_widget_class_bind_template_child (widget_class, GpSessionsWindow, empty_page);
  gtk_widget_class_bind_template_child (widget_class, GpSessionsWindow, no_journal_page);

  gtk_widget_class_install_action (widget_class, "sessions.export", "s", gp_sessions_window_export);
  gtk_widget_class_install_property_action (widget_class, "sessions.export-period", "export-period");
  gtk_widget_class_install_action (widget_class, "sessions.replay", "s", gp_sessions_window_replay_action);
  gtk_widget_class_install_action (widget_class, "sessions.evidence", NULL, gp_sessions_window_evidence_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK,
                                       "sessions.export", "s", "json");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
gp_sessions_window_init (GpSessionsWindow *self)
{
  self->export_period = g_strdup ("all");
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
gp_sessions_window_new (GpJournal     *journal,
                        GpFlowLibrary *library,
                        const GError  *journal_error)
{
  GpSessionsWindow *self;

  g_return_val_if_fail (journal == NULL || GP_IS_JOURNAL (journal), NULL);
  g_return_val_if_fail (GP_IS_FLOW_LIBRARY (library), NULL);

  self = g_object_new (GP_TYPE_SESSIONS_WINDOW, NULL);
  self->library = g_object_ref (library);

  if (journal != NULL)
    {
      self->journal = g_object_ref (journal);
      gtk_list_box_bind_model (self->session_list, G_LIST_MODEL (journal),
                               create_session_row, self, NULL);
      g_signal_connect_object (journal, "items-changed", G_CALLBACK (on_sessions_changed), self,
                               G_CONNECT_SWAPPED);
    }
  else if (journal_error != NULL)
    {
      adw_status_page_set_description (self->no_journal_page, journal_error->message);
    }

  gp_sessions_window_update_page (self);
  return GTK_WIDGET (self);
}
