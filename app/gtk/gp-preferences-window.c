/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <math.h>

#include <glib/gi18n.h>

#include "gp-preferences-window.h"

struct _GpPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  GpApplication        *application;

  GtkAdjustment        *text_scale_adjustment;
  GtkWidget            *style_group;
  GtkCheckButton       *style_default_button;
  GtkCheckButton       *style_light_button;
  GtkCheckButton       *style_dark_button;
};

G_DEFINE_FINAL_TYPE (GpPreferencesWindow, gp_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

/* The spin button shows per cent; the setting is a factor. */
static void
sync_adjustment (GpPreferencesWindow *self)
{
  double percent = round (gp_application_get_text_scale (self->application) * 100.0);

  if (gtk_adjustment_get_value (self->text_scale_adjustment) != percent)
    gtk_adjustment_set_value (self->text_scale_adjustment, percent);
}

static void
on_text_scale_changed (GpPreferencesWindow *self)
{
  gp_application_set_text_scale (self->application,
                                 gtk_adjustment_get_value (self->text_scale_adjustment) / 100.0);
}

static void
on_settings_changed (GpPreferencesWindow *self,
                     const char          *key,
                     GSettings           *settings)
{
  if (g_str_equal (key, "text-scale"))
    sync_adjustment (self);
}

static void
gp_preferences_window_dispose (GObject *object)
{
  GpPreferencesWindow *self = GP_PREFERENCES_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), GP_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->application);

  G_OBJECT_CLASS (gp_preferences_window_parent_class)->dispose (object);
}

static void
gp_preferences_window_class_init (GpPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gp_preferences_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/gp-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, GpPreferencesWindow, text_scale_adjustment);
  gtk_widget_class_bind_template_child (widget_class, GpPreferencesWindow, style_group);
  gtk_widget_class_bind_template_child (widget_class, GpPreferencesWindow, style_default_button);
  gtk_widget_class_bind_template_child (widget_class, GpPreferencesWindow, style_light_button);
  gtk_widget_class_bind_template_child (widget_class, GpPreferencesWindow, style_dark_button);
}

static void
gp_preferences_window_init (GpPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
gp_preferences_window_new (GpApplication *application)
{
  GpPreferencesWindow *self;
  GSettings *settings;

  g_return_val_if_fail (GP_IS_APPLICATION (application), NULL);

  self = g_object_new (GP_TYPE_PREFERENCES_WINDOW, NULL);
  self->application = g_object_ref (application);
  settings = gp_application_get_settings (application);

  sync_adjustment (self);
  g_signal_connect_object (self->text_scale_adjustment, "value-changed",
                           G_CALLBACK (on_text_scale_changed), self, G_CONNECT_SWAPPED);

  if (settings != NULL)
    {
      /* The check buttons act as radio buttons through the app.color-scheme action. */
      g_signal_connect_object (settings, "changed", G_CALLBACK (on_settings_changed), self,
                               G_CONNECT_SWAPPED);
    }
  else
    {
      /* Without the schema the style cannot be kept: the system's style applies. */
      gtk_widget_set_visible (self->style_group, FALSE);
    }

  return GTK_WIDGET (self);
}
