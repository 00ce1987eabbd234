/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "gp-flow-private.h"

G_DEFINE_FINAL_TYPE (GpChoice, gp_choice, G_TYPE_OBJECT)

static void
gp_choice_finalize (GObject *object)
{
  GpChoice *self = GP_CHOICE (object);

  g_free (self->label);
  g_free (self->next_id);
  g_clear_pointer (&self->extensions, json_object_unref);

  G_OBJECT_CLASS (gp_choice_parent_class)->finalize (object);
}

static void
gp_choice_class_init (GpChoiceClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = gp_choice_finalize;
}

static void
gp_choice_init (GpChoice *self)
{
}

GpChoice *
gp_choice_new_empty (guint index)
{
  GpChoice *self = g_object_new (GP_TYPE_CHOICE, NULL);

  self->index = index;
  return self;
}

const char *
gp_choice_get_label (GpChoice *self)
{
  g_return_val_if_fail (GP_IS_CHOICE (self), NULL);
  return self->label;
}

const char *
gp_choice_get_next_id (GpChoice *self)
{
  g_return_val_if_fail (GP_IS_CHOICE (self), NULL);
  return self->next_id;
}

JsonObject *
gp_choice_get_extensions (GpChoice *self)
{
  g_return_val_if_fail (GP_IS_CHOICE (self), NULL);
  return self->extensions;
}
