/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <glib/gi18n.h>

#include "gp-mock-screen.h"

struct _GpMockScreen
{
  AdwBin     parent_instance;

  GtkWidget *box;
  GtkWidget *banner;     /* training: the injected failure's symptom, first in box */
  GpFailure *failure;
  gboolean   has_screen;
  GtkWidget *target;
  GtkWidget *pointed;
  gboolean   pointing;
};

enum {
  ELEMENT_PICKED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (GpMockScreen, gp_mock_screen, ADW_TYPE_BIN)

static GtkWidget *
wrapping_label (const char *text,
                const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  return label;
}

/* Looks like the website's element, but is a picture of it: nothing here is typed or
 * pressed, so nothing the customer enters can reach Guidepost. */
static GtkWidget *
element_widget (GpScreenElement *element)
{
  const char *label = gp_screen_element_get_label (element);
  GtkWidget *widget, *entry, *image;

  switch (gp_screen_element_get_element_type (element))
    {
    case GP_ELEMENT_TYPE_FIELD:
      widget = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
      gtk_box_append (GTK_BOX (widget), wrapping_label (label, "mock-field-label"));
      entry = gtk_entry_new ();
      gtk_editable_set_editable (GTK_EDITABLE (entry), FALSE);
      gtk_widget_set_can_focus (entry, FALSE);
      gtk_widget_set_can_target (entry, FALSE);
      if (gp_screen_element_get_secret (element))
        gtk_entry_set_visibility (GTK_ENTRY (entry), FALSE);
      gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
      gtk_box_append (GTK_BOX (widget), entry);
      gtk_widget_add_css_class (widget, "mock-field");
      return widget;
    case GP_ELEMENT_TYPE_BUTTON:
      widget = gtk_button_new_with_label (label);
      gtk_label_set_wrap (GTK_LABEL (gtk_button_get_child (GTK_BUTTON (widget))), TRUE);
      gtk_widget_set_halign (widget, GTK_ALIGN_START);
      gtk_widget_set_can_focus (widget, FALSE);
      gtk_widget_set_can_target (widget, FALSE);
      gtk_widget_add_css_class (widget, "mock-button");
      return widget;
    case GP_ELEMENT_TYPE_LINK:
      widget = wrapping_label (label, "mock-link");
      gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_ROLE_DESCRIPTION,
                                      _("link"), -1);
      return widget;
    case GP_ELEMENT_TYPE_CHOICE:
      widget = gtk_check_button_new_with_label (label);
      gtk_widget_set_can_focus (widget, FALSE);
      gtk_widget_set_can_target (widget, FALSE);
      gtk_widget_add_css_class (widget, "mock-choice");
      return widget;
    case GP_ELEMENT_TYPE_IMAGE:
      widget = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
      image = gtk_image_new_from_icon_name ("image-x-generic-symbolic");
      gtk_image_set_pixel_size (GTK_IMAGE (image), 48);
      gtk_widget_add_css_class (image, "dim-label");
      gtk_box_append (GTK_BOX (widget), image);
      gtk_box_append (GTK_BOX (widget), wrapping_label (label, "caption"));
      gtk_widget_add_css_class (widget, "mock-image");
      gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
      return widget;
    case GP_ELEMENT_TYPE_TEXT:
    default:
      return wrapping_label (label, "mock-text");
    }
}

/* Training: what the customer would see when the failure happens.  A system failure
 * greys the page out too: the website is not working. */
static void
show_failure (GpMockScreen *self)
{
  gboolean dim = self->failure != NULL && gp_failure_get_cause (self->failure) == GP_FAILURE_CAUSE_SYSTEM;

  if (self->banner != NULL)
    {
      gtk_box_remove (GTK_BOX (self->box), self->banner);
      self->banner = NULL;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (self->box); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    gtk_widget_set_opacity (child, dim ? 0.35 : 1.0);
  if (dim)
    gtk_widget_add_css_class (self->box, "failure-dimmed");
  else
    gtk_widget_remove_css_class (self->box, "failure-dimmed");
  /* A step without a screen still shows the customer's symptom. */
  gtk_widget_set_visible (GTK_WIDGET (self), self->has_screen || self->failure != NULL);
  if (self->failure == NULL)
    return;

  {
    GtkWidget *icon, *label;
    const char *symptom = gp_failure_get_symptom (self->failure);

    /* GTK 4.8 sets a role only at construction. */
    self->banner = g_object_new (GTK_TYPE_BOX, "orientation", GTK_ORIENTATION_HORIZONTAL, "spacing", 10,
                                 "accessible-role", GTK_ACCESSIBLE_ROLE_ALERT, NULL);
    gtk_widget_add_css_class (self->banner, "injected-failure");
    gtk_widget_add_css_class (self->banner, dim ? "system" : "customer");
    icon = gtk_image_new_from_icon_name (dim ? "dialog-error-symbolic" : "dialog-warning-symbolic");
    gtk_widget_set_valign (icon, GTK_ALIGN_START);
    gtk_box_append (GTK_BOX (self->banner), icon);
    label = wrapping_label (symptom != NULL ? symptom : "", "injected-failure-text");
    gtk_widget_set_hexpand (label, TRUE);
    gtk_box_append (GTK_BOX (self->banner), label);
    gtk_accessible_update_property (GTK_ACCESSIBLE (self->banner), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                    symptom != NULL ? symptom : "", -1);
    gtk_box_prepend (GTK_BOX (self->box), self->banner);
  }
}

void
gp_mock_screen_set_failure (GpMockScreen *self,
                            GpFailure    *failure)
{
  g_return_if_fail (GP_IS_MOCK_SCREEN (self));
  g_return_if_fail (failure == NULL || GP_IS_FAILURE (failure));

  if (failure == self->failure && (failure == NULL) == (self->banner == NULL))
    return;
  g_set_object (&self->failure, failure);
  show_failure (self);
}

GtkWidget *
gp_mock_screen_get_failure_banner (GpMockScreen *self)
{
  g_return_val_if_fail (GP_IS_MOCK_SCREEN (self), NULL);

  return self->banner;
}

void
gp_mock_screen_set_step (GpMockScreen *self,
                         GpStep       *step)
{
  const char *target_id, *heading;
  GtkWidget *child;

  g_return_if_fail (GP_IS_MOCK_SCREEN (self));
  g_return_if_fail (step == NULL || GP_IS_STEP (step));

  while ((child = gtk_widget_get_first_child (self->box)) != NULL)
    gtk_box_remove (GTK_BOX (self->box), child);
  self->target = NULL;
  self->pointed = NULL;
  self->banner = NULL;

  self->has_screen = step != NULL && gp_step_has_screen (step);
  gtk_widget_set_visible (GTK_WIDGET (self), self->has_screen);
  if (!self->has_screen)
    {
      if (self->failure != NULL)
        show_failure (self);
      return;
    }

  heading = gp_step_get_screen_heading (step);
  if (heading != NULL && *heading != '\0')
    {
      child = wrapping_label (heading, "title-4");
      gtk_accessible_update_property (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_PROPERTY_LABEL, heading, -1);
      gtk_box_append (GTK_BOX (self->box), child);
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->box), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  heading != NULL ? heading : _("The website’s screen"), -1);

  target_id = gp_step_get_target_id (step);
  for (guint i = 0; i < gp_step_get_n_elements (step); i++)
    {
      GpScreenElement *element = gp_step_get_element (step, i);

      child = element_widget (element);
      g_object_set_data_full (G_OBJECT (child), "gp-element-id",
                              g_strdup (gp_screen_element_get_id (element)), g_free);
      if (target_id != NULL && g_strcmp0 (target_id, gp_screen_element_get_id (element)) == 0)
        {
          gtk_widget_add_css_class (child, "target");
          gtk_accessible_update_property (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                          _("Highlighted: this is the part to use now"), -1);
          self->target = child;
        }
      gtk_box_append (GTK_BOX (self->box), child);
    }
  if (self->failure != NULL)
    show_failure (self);
}

GtkWidget *
gp_mock_screen_get_target (GpMockScreen *self)
{
  g_return_val_if_fail (GP_IS_MOCK_SCREEN (self), NULL);

  return self->target;
}

void
gp_mock_screen_set_pointed (GpMockScreen *self,
                            const char   *element_id)
{
  GtkWidget *found = NULL;

  g_return_if_fail (GP_IS_MOCK_SCREEN (self));

  for (GtkWidget *child = gtk_widget_get_first_child (self->box); child != NULL && element_id != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (g_strcmp0 (g_object_get_data (G_OBJECT (child), "gp-element-id"), element_id) == 0)
      found = child;

  if (found == self->pointed)
    return;
  if (self->pointed != NULL)
    {
      gtk_widget_remove_css_class (self->pointed, "pointed");
      gtk_accessible_reset_property (GTK_ACCESSIBLE (self->pointed), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
      if (self->pointed == self->target)
        gtk_accessible_update_property (GTK_ACCESSIBLE (self->target), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                        _("Highlighted: this is the part to use now"), -1);
    }
  self->pointed = found;
  if (found != NULL)
    {
      gtk_widget_add_css_class (found, "pointed");
      gtk_accessible_update_property (GTK_ACCESSIBLE (found), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                      _("The agent points here"), -1);
    }
}

GtkWidget *
gp_mock_screen_get_pointed (GpMockScreen *self)
{
  g_return_val_if_fail (GP_IS_MOCK_SCREEN (self), NULL);

  return self->pointed;
}

void
gp_mock_screen_set_pointing (GpMockScreen *self,
                             gboolean      pointing)
{
  g_return_if_fail (GP_IS_MOCK_SCREEN (self));

  self->pointing = !!pointing;
  gtk_widget_set_cursor_from_name (self->box, pointing ? "crosshair" : NULL);
  if (pointing)
    gtk_widget_add_css_class (self->box, "pointing");
  else
    gtk_widget_remove_css_class (self->box, "pointing");
}

gboolean
gp_mock_screen_pick_element (GpMockScreen *self,
                             const char   *element_id)
{
  g_return_val_if_fail (GP_IS_MOCK_SCREEN (self), FALSE);

  if (!self->pointing || element_id == NULL)
    return FALSE;
  g_signal_emit (self, signals[ELEMENT_PICKED], 0, element_id);
  return TRUE;
}

/* While pointing, a click on an element picks it (the elements themselves take no input). */
static void
on_pressed (GtkGestureClick *gesture,
            int              n_press,
            double           x,
            double           y,
            GpMockScreen    *self)
{
  GtkWidget *picked;

  if (!self->pointing)
    return;
  picked = gtk_widget_pick (self->box, x, y, GTK_PICK_INSENSITIVE | GTK_PICK_NON_TARGETABLE);
  while (picked != NULL && gtk_widget_get_parent (picked) != self->box)
    picked = gtk_widget_get_parent (picked);
  if (picked != NULL &&
      gp_mock_screen_pick_element (self, g_object_get_data (G_OBJECT (picked), "gp-element-id")))
    gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
}

static void
gp_mock_screen_dispose (GObject *object)
{
  GpMockScreen *self = GP_MOCK_SCREEN (object);

  g_clear_object (&self->failure);
  G_OBJECT_CLASS (gp_mock_screen_parent_class)->dispose (object);
}

static void
gp_mock_screen_class_init (GpMockScreenClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = gp_mock_screen_dispose;

  /* ::element-picked (const char *element_id): clicked while pointing. */
  signals[ELEMENT_PICKED] = g_signal_new ("element-picked", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                          0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_css_name (widget_class, "mockscreen");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
gp_mock_screen_init (GpMockScreen *self)
{
  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  gtk_widget_add_css_class (self->box, "card");
  gtk_widget_add_css_class (self->box, "mock-screen");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  _("A picture of the website’s screen for this step"), -1);
  adw_bin_set_child (ADW_BIN (self), self->box);

  {
    GtkGesture *click = gtk_gesture_click_new ();

    g_signal_connect (click, "pressed", G_CALLBACK (on_pressed), self);
    gtk_widget_add_controller (self->box, GTK_EVENT_CONTROLLER (click));
  }
}

GtkWidget *
gp_mock_screen_new (void)
{
  return g_object_new (GP_TYPE_MOCK_SCREEN, NULL);
}
