/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <glib/gi18n.h>
#include <guidepost/guidepost.h>

#include "gp-application.h"
#include "gp-window.h"

struct _GpApplication
{
  AdwApplication  parent_instance;

  /* Created on the first activation and shared by every window. */
  GpFlowLibrary  *library;
};

G_DEFINE_FINAL_TYPE (GpApplication, gp_application, ADW_TYPE_APPLICATION)

static void
gp_application_about (GSimpleAction *action,
                      GVariant      *parameter,
                      gpointer       user_data)
{
  GtkApplication *app = GTK_APPLICATION (user_data);
  GtkIconTheme *icon_theme = gtk_icon_theme_get_for_display (gdk_display_get_default ());
  AdwAboutWindow *about;
  const char *icon_name;

  /* Until the application icon is installed, a guidepost-like pin beats "image-missing". */
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
gp_application_quit (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       user_data)
{
  g_application_quit (G_APPLICATION (user_data));
}

static const GActionEntry app_actions[] = {
  { .name = "about", .activate = gp_application_about },
  { .name = "quit", .activate = gp_application_quit },
};

static void
gp_application_startup (GApplication *app)
{
  static const char *quit_accels[] = { "<Control>q", NULL };

  G_APPLICATION_CLASS (gp_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions,
                                   G_N_ELEMENTS (app_actions), app);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.quit", quit_accels);
}

static void
gp_application_activate (GApplication *app)
{
  GpApplication *self = GP_APPLICATION (app);
  GtkWindow *window;

  window = gtk_application_get_active_window (GTK_APPLICATION (app));
  if (window == NULL)
    {
      if (self->library == NULL)
        self->library = gp_flow_library_new ();
      window = GTK_WINDOW (gp_window_new (GTK_APPLICATION (app), self->library));
    }

  gtk_window_present (window);
}

static void
gp_application_constructed (GObject *object)
{
  G_OBJECT_CLASS (gp_application_parent_class)->constructed (object);

  /* Templates, style.css and gtk/help-overlay.ui live here whatever the application id
   * (tests run with their own id). */
  g_application_set_resource_base_path (G_APPLICATION (object), RESOURCE_BASE);
}

static void
gp_application_dispose (GObject *object)
{
  GpApplication *self = GP_APPLICATION (object);

  g_clear_object (&self->library);

  G_OBJECT_CLASS (gp_application_parent_class)->dispose (object);
}

static void
gp_application_class_init (GpApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->constructed = gp_application_constructed;
  object_class->dispose = gp_application_dispose;

  app_class->startup = gp_application_startup;
  app_class->activate = gp_application_activate;
}

static void
gp_application_init (GpApplication *self)
{
}

GpApplication *
gp_application_new (void)
{
  return g_object_new (GP_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       NULL);
}
