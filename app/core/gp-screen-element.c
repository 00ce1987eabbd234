/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "gp-flow-private.h"

G_DEFINE_FINAL_TYPE (GpScreenElement, gp_screen_element, G_TYPE_OBJECT)

static void
gp_screen_element_finalize (GObject *object)
{
  GpScreenElement *self = GP_SCREEN_ELEMENT (object);

  g_free (self->id);
  g_free (self->label);
  g_clear_pointer (&self->extensions, json_object_unref);

  G_OBJECT_CLASS (gp_screen_element_parent_class)->finalize (object);
}

static void
gp_screen_element_class_init (GpScreenElementClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = gp_screen_element_finalize;
}

static void
gp_screen_element_init (GpScreenElement *self)
{
}

GpScreenElement *
gp_screen_element_new_empty (guint index)
{
  GpScreenElement *self = g_object_new (GP_TYPE_SCREEN_ELEMENT, NULL);

  self->index = index;
  return self;
}

const char *
gp_screen_element_get_id (GpScreenElement *self)
{
  g_return_val_if_fail (GP_IS_SCREEN_ELEMENT (self), NULL);
  return self->id;
}

GpElementType
gp_screen_element_get_element_type (GpScreenElement *self)
{
  g_return_val_if_fail (GP_IS_SCREEN_ELEMENT (self), GP_ELEMENT_TYPE_TEXT);
  return self->type;
}

const char *
gp_screen_element_get_label (GpScreenElement *self)
{
  g_return_val_if_fail (GP_IS_SCREEN_ELEMENT (self), NULL);
  return self->label;
}

gboolean
gp_screen_element_get_secret (GpScreenElement *self)
{
  g_return_val_if_fail (GP_IS_SCREEN_ELEMENT (self), FALSE);
  return self->secret;
}

JsonObject *
gp_screen_element_get_extensions (GpScreenElement *self)
{
  g_return_val_if_fail (GP_IS_SCREEN_ELEMENT (self), NULL);
  return self->extensions;
}
