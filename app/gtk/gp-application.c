/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <math.h>

#include <glib/gi18n.h>
#include <guidepost/guidepost.h>

#include "gp-application.h"
#include "gp-first-frame.h"
#include "gp-preferences-window.h"
#include "gp-window.h"

/* GTK's unit for gtk-xft-dpi: 1024 × dots per inch. */
#define DEFAULT_XFT_DPI (96 * 1024)

struct _GpApplication
{
  AdwApplication  parent_instance;

  /* Read on a thread from start-up (see load_sources) and shared by every window. */
  GThread        *loader;
  GpFlowLibrary  *library;
  GpJournal      *journal;
  /* Why the journal could not be opened, shown in the first window. */
  GError         *journal_error;
  GSettings      *settings;
  /* The text scale when there is no schema to keep it in. */
  double          text_scale;
  /* The system's font resolution, before our text scale. */
  int             base_xft_dpi;
};

G_DEFINE_FINAL_TYPE (GpApplication, gp_application, ADW_TYPE_APPLICATION)

static void
gp_application_apply_text_scale (GpApplication *self)
{
  GtkSettings *gtk_settings = gtk_settings_get_default ();
  double scale = gp_application_get_text_scale (self);

  if (gtk_settings == NULL)
    return;

  if (self->base_xft_dpi <= 0)
    {
      g_object_get (gtk_settings, "gtk-xft-dpi", &self->base_xft_dpi, NULL);
      if (self->base_xft_dpi <= 0)
        self->base_xft_dpi = DEFAULT_XFT_DPI;
    }

  /* Scaling the resolution scales every text, headings included, as GNOME's own
   * "large text" does. */
  g_object_set (gtk_settings, "gtk-xft-dpi", (int) lround (self->base_xft_dpi * scale), NULL);
}

static void
gp_application_apply_color_scheme (GpApplication *self)
{
  AdwStyleManager *style_manager = adw_style_manager_get_default ();
  g_autofree char *scheme = NULL;

  if (self->settings == NULL)
    return;

  scheme = g_settings_get_string (self->settings, "color-scheme");
  if (g_str_equal (scheme, "light"))
    adw_style_manager_set_color_scheme (style_manager, ADW_COLOR_SCHEME_FORCE_LIGHT);
  else if (g_str_equal (scheme, "dark"))
    adw_style_manager_set_color_scheme (style_manager, ADW_COLOR_SCHEME_FORCE_DARK);
  else
    adw_style_manager_set_color_scheme (style_manager, ADW_COLOR_SCHEME_DEFAULT);
}

static void
on_settings_changed (GpApplication *self,
                     const char    *key,
                     GSettings     *settings)
{
  if (g_str_equal (key, "text-scale"))
    gp_application_apply_text_scale (self);
  else if (g_str_equal (key, "color-scheme"))
    gp_application_apply_color_scheme (self);
}

static void
gp_application_about (GSimpleAction *action,
                      GVariant      *parameter,
                      gpointer       user_data)
{
  GtkApplication *app = GTK_APPLICATION (user_data);
  GtkIconTheme *icon_theme = gtk_icon_theme_get_for_display (gdk_display_get_default ());
  AdwAboutWindow *about;
  const char *icon_name;

  /* Run from the build tree the icon is not installed: a pin beats "image-missing". */
  icon_name = gtk_icon_theme_has_icon (icon_theme, APP_ID) ? APP_ID : "mark-location-symbolic";

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", gtk_application_get_active_window (app),
                        "modal", TRUE,
                        "application-name", _("Guidepost"),
                        "application-icon", icon_name,
                        "developer-name", _("The Guidepost developers"),
                        "version", PACKAGE_VERSION,
                        "comments", _("Walks people through online services, one screen at a time, "
                                      "with an agent or on their own"),
                        "license-type", GTK_LICENSE_GPL_3_0,
                        /* Translators: your names, one per line */
                        "translator-credits", _("translator-credits"),
                        NULL);
  gtk_window_present (GTK_WINDOW (about));
}

static void
gp_application_preferences (GSimpleAction *action,
                            GVariant      *parameter,
                            gpointer       user_data)
{
  GpApplication *self = GP_APPLICATION (user_data);
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  GtkWidget *preferences;

  preferences = gp_preferences_window_new (self);
  gtk_window_set_transient_for (GTK_WINDOW (preferences), parent);
  /* The style check buttons use app.color-scheme. */
  gtk_window_set_application (GTK_WINDOW (preferences), GTK_APPLICATION (self));
  gtk_window_present (GTK_WINDOW (preferences));
}

static void
gp_application_text_larger (GSimpleAction *action,
                            GVariant      *parameter,
                            gpointer       user_data)
{
  GpApplication *self = GP_APPLICATION (user_data);

  gp_application_set_text_scale (self, gp_application_get_text_scale (self) + GP_TEXT_SCALE_STEP);
}

static void
gp_application_text_smaller (GSimpleAction *action,
                             GVariant      *parameter,
                             gpointer       user_data)
{
  GpApplication *self = GP_APPLICATION (user_data);

  gp_application_set_text_scale (self, gp_application_get_text_scale (self) - GP_TEXT_SCALE_STEP);
}

static void
gp_application_text_reset (GSimpleAction *action,
                           GVariant      *parameter,
                           gpointer       user_data)
{
  gp_application_set_text_scale (GP_APPLICATION (user_data), 1.0);
}

static void
gp_application_quit (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       user_data)
{
  g_application_quit (G_APPLICATION (user_data));
}

static const GActionEntry app_actions[] = {
  { .name = "about", .activate = gp_application_about },
  { .name = "preferences", .activate = gp_application_preferences },
  { .name = "text-larger", .activate = gp_application_text_larger },
  { .name = "text-smaller", .activate = gp_application_text_smaller },
  { .name = "text-reset", .activate = gp_application_text_reset },
  { .name = "quit", .activate = gp_application_quit },
};

static GSettings *
new_settings_if_installed (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  /* Run from the build tree without GSETTINGS_SCHEMA_DIR, g_settings_new() would abort. */
  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
  if (schema == NULL)
    {
      g_debug ("The %s settings schema is not installed: preferences last for this run only", APP_ID);
      return NULL;
    }

  return g_settings_new_full (schema, NULL, NULL);
}

/* What the first window shows.  Reading the flows and opening the journal touch neither
 * GTK nor a main context, so they run on a thread while GTK connects to the display. */
typedef struct
{
  GpFlowLibrary *library;
  GpJournal     *journal;
  GError        *journal_error;
} Sources;

static gpointer
load_sources (gpointer data)
{
  Sources *sources = g_new0 (Sources, 1);

  sources->library = gp_flow_library_new ();
  sources->journal = gp_journal_new_default (&sources->journal_error);
  return sources;
}

static void
gp_application_start_loading (GpApplication *self)
{
  g_autoptr(GError) error = NULL;

  self->loader = g_thread_try_new ("gp-load-sources", load_sources, NULL, &error);
  if (self->loader == NULL)
    g_debug ("Cannot read the flows on a thread (%s): the first window reads them", error->message);
}

/* Waits for the thread, if there is one, and keeps what it read. */
static void
gp_application_finish_loading (GpApplication *self)
{
  Sources *sources;

  if (self->loader == NULL)
    return;

  sources = g_thread_join (g_steal_pointer (&self->loader));
  self->library = sources->library;
  self->journal = sources->journal;
  self->journal_error = sources->journal_error;
  g_free (sources);
}

static void
gp_application_startup (GApplication *app)
{
  GpApplication *self = GP_APPLICATION (app);
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *help_accels[] = { "<Control>question", NULL };
  static const char *preferences_accels[] = { "<Control>comma", NULL };
  static const char *larger_accels[] = { "<Control>plus", "<Control>equal", "<Control>KP_Add", NULL };
  static const char *smaller_accels[] = { "<Control>minus", "<Control>KP_Subtract", NULL };
  static const char *reset_accels[] = { "<Control>0", "<Control>KP_0", NULL };

  /* Before GTK starts: most of its start-up is spent preparing the display. */
  gp_application_start_loading (self);

  G_APPLICATION_CLASS (gp_application_parent_class)->startup (app);
  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions,
                                   G_N_ELEMENTS (app_actions), app);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.quit", quit_accels);
  /* GpWindow builds the shortcuts window when it is first shown. */
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.show-help-overlay", help_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.preferences", preferences_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.text-larger", larger_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.text-smaller", smaller_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.text-reset", reset_accels);

  self->settings = new_settings_if_installed ();
  if (self->settings != NULL)
    {
      g_autoptr(GAction) color_scheme = g_settings_create_action (self->settings, "color-scheme");

      g_action_map_add_action (G_ACTION_MAP (app), color_scheme);
      g_signal_connect_object (self->settings, "changed",
                               G_CALLBACK (on_settings_changed), self, G_CONNECT_SWAPPED);
      gp_application_apply_color_scheme (self);
    }
  if (gp_application_get_text_scale (self) != 1.0)
    gp_application_apply_text_scale (self);
}

static void
gp_application_activate (GApplication *app)
{
  GpApplication *self = GP_APPLICATION (app);
  GtkWindow *window;

  window = gtk_application_get_active_window (GTK_APPLICATION (app));
  if (window == NULL)
    {
      gp_application_finish_loading (self);
      if (self->library == NULL)
        self->library = gp_flow_library_new ();
      if (self->journal == NULL && self->journal_error == NULL)
        self->journal = gp_journal_new_default (&self->journal_error);

      window = GTK_WINDOW (gp_window_new_with_journal (GTK_APPLICATION (app), self->library,
                                                       self->journal));
      if (self->journal_error != NULL)
        gp_window_show_journal_error (GP_WINDOW (window), self->journal_error);

      gp_first_frame_quit_after (window, app);
    }

  gtk_window_present (window);
}

static void
gp_application_shutdown (GApplication *app)
{
  /* Without an activation the thread's work is still to be collected. */
  gp_application_finish_loading (GP_APPLICATION (app));

  G_APPLICATION_CLASS (gp_application_parent_class)->shutdown (app);
}

static void
gp_application_constructed (GObject *object)
{
  G_OBJECT_CLASS (gp_application_parent_class)->constructed (object);

  /* Templates, style.css and the shortcuts window live here whatever the application id
   * (tests run with their own id). */
  g_application_set_resource_base_path (G_APPLICATION (object), RESOURCE_BASE);
}

static void
gp_application_dispose (GObject *object)
{
  GpApplication *self = GP_APPLICATION (object);

  gp_application_finish_loading (self);
  g_clear_object (&self->library);
  g_clear_object (&self->journal);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (gp_application_parent_class)->dispose (object);
}

static void
gp_application_finalize (GObject *object)
{
  GpApplication *self = GP_APPLICATION (object);

  g_clear_error (&self->journal_error);

  G_OBJECT_CLASS (gp_application_parent_class)->finalize (object);
}

static void
gp_application_class_init (GpApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->constructed = gp_application_constructed;
  object_class->dispose = gp_application_dispose;
  object_class->finalize = gp_application_finalize;

  app_class->startup = gp_application_startup;
  app_class->activate = gp_application_activate;
  app_class->shutdown = gp_application_shutdown;
}

static void
gp_application_init (GpApplication *self)
{
  self->text_scale = 1.0;
}

GpApplication *
gp_application_new (void)
{
  return g_object_new (GP_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       NULL);
}

GSettings *
gp_application_get_settings (GpApplication *self)
{
  g_return_val_if_fail (GP_IS_APPLICATION (self), NULL);

  return self->settings;
}

double
gp_application_get_text_scale (GpApplication *self)
{
  g_return_val_if_fail (GP_IS_APPLICATION (self), 1.0);

  if (self->settings != NULL)
    return g_settings_get_double (self->settings, "text-scale");
  return self->text_scale;
}

void
gp_application_set_text_scale (GpApplication *self,
                               double         scale)
{
  g_return_if_fail (GP_IS_APPLICATION (self));

  /* Steps of 0.1 in binary floating point drift: keep two decimals. */
  scale = CLAMP (round (scale * 100.0) / 100.0, GP_TEXT_SCALE_MIN, GP_TEXT_SCALE_MAX);

  if (self->settings != NULL)
    {
      g_settings_set_double (self->settings, "text-scale", scale);
    }
  else if (scale != self->text_scale)
    {
      self->text_scale = scale;
      gp_application_apply_text_scale (self);
    }
}
