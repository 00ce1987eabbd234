/* SPDX-License-Identifier: GPL-3.0-or-later */

#include <glib/gi18n.h>
#include <guidepost/guidepost.h>

#include "gp-ui-resources.h"

#include "gp-application.h"
#include "gp-flow-row.h"
#include "gp-window-private.h"

G_DEFINE_FINAL_TYPE (GpWindow, gp_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_LIBRARY,
  PROP_JOURNAL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The shortcuts window, built when first asked for rather than with every window. */
static void
gp_window_show_help_overlay (GSimpleAction *action,
                             GVariant      *parameter,
                             gpointer       user_data)
{
  GpWindow *self = GP_WINDOW (user_data);
  GtkShortcutsWindow *overlay = gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (self));

  if (overlay == NULL)
    {
      g_autoptr(GtkBuilder) builder = gtk_builder_new_from_resource (RESOURCE_BASE "/ui/help-overlay.ui");

      overlay = GTK_SHORTCUTS_WINDOW (gtk_builder_get_object (builder, "help_overlay"));
      gtk_application_window_set_help_overlay (GTK_APPLICATION_WINDOW (self), overlay);
    }

  gtk_window_present (GTK_WINDOW (overlay));
}

/* Window size. */

static void
gp_window_restore_state (GpWindow *self)
{
  if (self->settings == NULL)
    return;

  gtk_window_set_default_size (GTK_WINDOW (self),
                               MAX (360, g_settings_get_int (self->settings, "window-width")),
                               MAX (294, g_settings_get_int (self->settings, "window-height")));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
}

static void
gp_window_save_state (GpWindow *self)
{
  int width, height;

  if (self->settings == NULL)
    return;

  /* The default size follows the user's resizing but not maximizing. */
  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  g_settings_delay (self->settings);
  if (width > 0 && height > 0)
    {
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
    }
  g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (GTK_WINDOW (self)));
  g_settings_apply (self->settings);
}

/* The window's settings are its application's; the size comes from them once. */
static void
on_application_changed (GpWindow *self)
{
  GtkApplication *application = gtk_window_get_application (GTK_WINDOW (self));

  if (self->settings != NULL || !GP_IS_APPLICATION (application) ||
      gp_application_get_settings (GP_APPLICATION (application)) == NULL)
    return;

  self->settings = g_object_ref (gp_application_get_settings (GP_APPLICATION (application)));
  if (!gtk_widget_get_realized (GTK_WIDGET (self)))
    gp_window_restore_state (self);
}

static gboolean
gp_window_close_request (GtkWindow *window)
{
  gp_window_save_state (GP_WINDOW (window));
  gp_window_remember_mode (GP_WINDOW (window));

  return GTK_WINDOW_CLASS (gp_window_parent_class)->close_request (window);
}

static void
gp_window_constructed (GObject *object)
{
  GpWindow *self = GP_WINDOW (object);
  g_autofree char *user_dir = NULL;
  g_autofree char *user_dir_markup = NULL;
  g_autofree char *description = NULL;
  GListModel *problems;

  G_OBJECT_CLASS (gp_window_parent_class)->constructed (object);

  g_return_if_fail (GP_IS_FLOW_LIBRARY (self->library));

  {
    g_autoptr(GSimpleAction) help = g_simple_action_new ("show-help-overlay", NULL);

    g_signal_connect_object (help, "activate", G_CALLBACK (gp_window_show_help_overlay), self, 0);
    g_action_map_add_action (G_ACTION_MAP (self), G_ACTION (help));
  }

  /* GtkWindow:application is not a construct property: it comes after constructed. */
  g_signal_connect (self, "notify::application", G_CALLBACK (on_application_changed), NULL);
  on_application_changed (self);

  user_dir = g_build_filename (g_get_user_data_dir (), "guidepost", "flows", NULL);
  if (g_str_has_prefix (user_dir, g_get_home_dir ()) &&
      G_IS_DIR_SEPARATOR (user_dir[strlen (g_get_home_dir ())]))
    {
      char *short_dir = g_strconcat ("~", user_dir + strlen (g_get_home_dir ()), NULL);

      g_free (user_dir);
      user_dir = short_dir;
    }
  user_dir_markup = g_markup_escape_text (user_dir, -1);
  /* Translators: %s is a folder */
  description = g_strdup_printf (_("Flow files put in %s appear here"), user_dir_markup);
  adw_status_page_set_description (self->empty_page, description);

  g_signal_connect_object (self->library, "items-changed",
                           G_CALLBACK (gp_window_on_library_items_changed), self,
                           G_CONNECT_SWAPPED);
  problems = gp_flow_library_get_problems (self->library);
  if (problems != NULL)
    g_signal_connect_object (problems, "items-changed",
                             G_CALLBACK (gp_window_on_problems_items_changed), self,
                             G_CONNECT_SWAPPED);

  gp_window_update_model (self);
  gp_window_update_problems (self);
  gp_window_refresh_sessions (self);
  gp_window_sync_leaflet (self);

  /* The first thing an agent does is type what the customer said.  (The template's
   * focus-widget is applied before the entry can take the focus.) */
  gtk_window_set_focus (GTK_WINDOW (self), GTK_WIDGET (self->search_entry));
}

static void
gp_window_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  GpWindow *self = GP_WINDOW (object);

  switch (prop_id)
    {
    case PROP_LIBRARY:
      g_value_set_object (value, self->library);
      break;

    case PROP_JOURNAL:
      g_value_set_object (value, self->journal);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gp_window_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  GpWindow *self = GP_WINDOW (object);

  switch (prop_id)
    {
    case PROP_LIBRARY:
      self->library = g_value_dup_object (value);
      break;

    case PROP_JOURNAL:
      self->journal = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gp_window_dispose (GObject *object)
{
  GpWindow *self = GP_WINDOW (object);

  if (self->library != NULL)
    {
      GListModel *problems = gp_flow_library_get_problems (self->library);

      if (problems != NULL)
        g_signal_handlers_disconnect_by_data (problems, self);
      g_signal_handlers_disconnect_by_data (self->library, self);
    }

  if (self->search_results != NULL)
    g_signal_handlers_disconnect_by_data (self->search_results, self);

  g_clear_handle_id (&self->fill_source, g_source_remove);

  if (self->session_view != NULL)
    g_signal_handlers_disconnect_by_data (self->session_view, self);
  g_clear_object (&self->session_title_binding);

  if (self->handoff_chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->handoff_chooser));
  g_clear_object (&self->handoff_chooser);

  gtk_widget_dispose_template (GTK_WIDGET (self), GP_TYPE_WINDOW);

  self->session_view = NULL;
  g_clear_object (&self->journal);
  g_clear_object (&self->rejoin_peer);
  g_clear_object (&self->settings);

  self->shown = NULL;
  self->problems_row = NULL;
  g_clear_object (&self->search_results);
  g_clear_object (&self->library);

  G_OBJECT_CLASS (gp_window_parent_class)->dispose (object);
}

static void
gp_window_finalize (GObject *object)
{
  GpWindow *self = GP_WINDOW (object);

  g_free (self->shown_query);
  g_clear_error (&self->journal_error);

  G_OBJECT_CLASS (gp_window_parent_class)->finalize (object);
}

static void
gp_window_class_init (GpWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = gp_window_constructed;
  object_class->get_property = gp_window_get_property;
  object_class->set_property = gp_window_set_property;
  object_class->dispose = gp_window_dispose;
  object_class->finalize = gp_window_finalize;
  window_class->close_request = gp_window_close_request;

  properties[PROP_LIBRARY] =
    g_param_spec_object ("library", NULL, NULL,
                         GP_TYPE_FLOW_LIBRARY,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                         G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_JOURNAL] =
    g_param_spec_object ("journal", NULL, NULL,
                         GP_TYPE_JOURNAL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                         G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* Referencing the resource keeps the static library's copy of it linked in. */
  (void) gp_ui_get_resource ();
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/gp-window.ui");
  gtk_widget_class_bind_template_child (widget_class, GpWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, GpWindow, search_entry);
  gtk_widget_class_bind_template_child (widget_class, GpWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, GpWindow, flows_scroller);
  gtk_widget_class_bind_template_child (widget_class, GpWindow, problems_list);
  gtk_widget_class_bind_template_child (widget_class, GpWindow, flow_list);
  gtk_widget_class_bind_template_child (widget_class, GpWindow, no_match_page);
  gtk_widget_class_bind_template_child (widget_class, GpWindow, empty_page);
  gtk_widget_class_bind_template_child (widget_class, GpWindow, session_placeholder);
  gtk_widget_class_bind_template_child (widget_class, GpWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, GpWindow, rejoin_row);
  gtk_widget_class_bind_template_child (widget_class, GpWindow, join_group);
  gtk_widget_class_bind_template_child (widget_class, GpWindow, library_page);
  gtk_widget_class_bind_template_child (widget_class, GpWindow, session_page);
  gtk_widget_class_bind_template_child (widget_class, GpWindow, session_title);
  gtk_widget_class_bind_template_child (widget_class, GpWindow, back_button);
  gtk_widget_class_bind_template_child (widget_class, GpWindow, session_bin);
  gtk_widget_class_bind_template_child (widget_class, GpWindow, handoff_group);
  gtk_widget_class_bind_template_child (widget_class, GpWindow, handoff_row);
  gtk_widget_class_bind_template_child (widget_class, GpWindow, handoff_error_label);
  gtk_widget_class_bind_template_child (widget_class, GpWindow, continue_group);
  gtk_widget_class_bind_template_child (widget_class, GpWindow, continue_list);
  gtk_widget_class_bind_template_child (widget_class, GpWindow, recent_group);
  gtk_widget_class_bind_template_child (widget_class, GpWindow, recent_list);
  gtk_widget_class_bind_template_child (widget_class, GpWindow, flows_heading);
  gp_window_library_class_init (widget_class);
  gp_window_sessions_class_init (widget_class);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "win.search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "win.back", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "win.back", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Left, GDK_ALT_MASK, "win.back", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.show-sessions", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_S, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.show-sessions", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK, "win.focus-handoff", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK, "window.close", NULL);

  g_type_ensure (GP_TYPE_FLOW_ROW);
  g_type_ensure (GP_TYPE_SESSION_VIEW);
}

/* The status pages' large icons are SVGs; loading one pulls in librsvg, which costs a
 * noticeable part of start-up.  A page gets its icon once it is still shown after the
 * main loop is idle: a leaflet maps all its pages before its first allocation folds it. */
static gboolean
set_icon_if_mapped (gpointer data)
{
  AdwStatusPage *page = data;

  if (gtk_widget_get_mapped (GTK_WIDGET (page)))
    adw_status_page_set_icon_name (page, g_object_get_data (G_OBJECT (page), "gp-icon-name"));
  return G_SOURCE_REMOVE;
}

static void
on_status_page_map (GtkWidget *page)
{
  if (adw_status_page_get_icon_name (ADW_STATUS_PAGE (page)) == NULL)
    g_idle_add_full (G_PRIORITY_LOW, set_icon_if_mapped, g_object_ref (page), g_object_unref);
}

/* A leaflet is mapped before its first allocation decides whether it folds: with the
 * fold animated, every start would show library and session side by side, folding over
 * a quarter of a second.  The animation is for resizing, from the first idle on. */
#define FOLD_TRANSITION_MS 250

static gboolean
enable_fold_animation (gpointer data)
{
  GpWindow *self = data;

  adw_leaflet_set_mode_transition_duration (self->leaflet, FOLD_TRANSITION_MS);
  return G_SOURCE_REMOVE;
}

static void
on_window_map (GtkWidget *widget)
{
  g_idle_add_full (G_PRIORITY_LOW, enable_fold_animation, g_object_ref (widget), g_object_unref);
}

static void
set_icon_when_shown (AdwStatusPage *page,
                     const char    *icon_name)
{
  g_object_set_data (G_OBJECT (page), "gp-icon-name", (gpointer) icon_name);
  g_signal_connect (page, "map", G_CALLBACK (on_status_page_map), NULL);
}

static void
gp_window_init (GpWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  set_icon_when_shown (self->no_match_page, "system-search-symbolic");
  set_icon_when_shown (self->empty_page, "view-list-symbolic");
  set_icon_when_shown (self->session_placeholder, "mark-location-symbolic");

  /* An agent can start typing what the customer says without clicking first. */
  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self));
  g_signal_connect (self, "map", G_CALLBACK (on_window_map), NULL);
}

GpWindow *
gp_window_new (GtkApplication *application,
               GpFlowLibrary  *library)
{
  g_return_val_if_fail (application == NULL || GTK_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (GP_IS_FLOW_LIBRARY (library), NULL);

  return gp_window_new_with_journal (application, library, NULL);
}

GpWindow *
gp_window_new_with_journal (GtkApplication *application,
                            GpFlowLibrary  *library,
                            GpJournal      *journal)
{
  g_return_val_if_fail (application == NULL || GTK_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (GP_IS_FLOW_LIBRARY (library), NULL);
  g_return_val_if_fail (journal == NULL || GP_IS_JOURNAL (journal), NULL);

  return g_object_new (GP_TYPE_WINDOW,
                       "application", application,
                       "library", library,
                       "journal", journal,
                       NULL);
}

/**
 * gp_window_get_library:
 *
 * Returns: (transfer none): the flow library the window shows
 */
GpFlowLibrary *
gp_window_get_library (GpWindow *self)
{
  g_return_val_if_fail (GP_IS_WINDOW (self), NULL);

  return self->library;
}

/**
 * gp_window_get_journal:
 *
 * Returns: (transfer none) (nullable): where the window's sessions are kept
 */
GpJournal *
gp_window_get_journal (GpWindow *self)
{
  g_return_val_if_fail (GP_IS_WINDOW (self), NULL);

  return self->journal;
}

void
gp_window_show_journal_error (GpWindow     *self,
                              const GError *error)
{
  AdwToast *toast;

  g_return_if_fail (GP_IS_WINDOW (self));
  g_return_if_fail (error != NULL);

  g_clear_error (&self->journal_error);
  self->journal_error = g_error_copy (error);

  /* A toast is one short line: the sessions view says why. */
  toast = adw_toast_new (_("Sessions will not be saved"));
  adw_toast_set_button_label (toast, _("_Details"));
  adw_toast_set_action_name (toast, "win.show-sessions");
  adw_toast_set_timeout (toast, 0);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

void
gp_window_add_toast (GpWindow *self,
                     AdwToast *toast)
{
  g_return_if_fail (GP_IS_WINDOW (self));
  g_return_if_fail (ADW_IS_TOAST (toast));

  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/**
 * gp_window_get_session_view:
 *
 * Returns: (transfer none) (nullable): the view of the session page
 */
GtkWidget *
gp_window_get_session_view (GpWindow *self)
{
  g_return_val_if_fail (GP_IS_WINDOW (self), NULL);

  return GTK_WIDGET (self->session_view);
}
