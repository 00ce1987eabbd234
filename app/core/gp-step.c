/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "gp-flow-private.h"

G_DEFINE_FINAL_TYPE (GpStep, gp_step, G_TYPE_OBJECT)

static void
gp_step_finalize (GObject *object)
{
  GpStep *self = GP_STEP (object);

  g_free (self->id);
  g_free (self->title);
  g_free (self->screen_heading);
  g_clear_pointer (&self->elements, g_ptr_array_unref);
  g_clear_pointer (&self->screen_extensions, json_object_unref);
  g_free (self->target_id);
  g_free (self->instruction);
  g_free (self->why);
  g_free (self->talk_new);
  g_free (self->talk_familiar);
  g_clear_pointer (&self->talk_extensions, json_object_unref);
  g_strfreev (self->hints);
  g_free (self->next_id);
  g_free (self->question);
  g_clear_pointer (&self->choices, g_ptr_array_unref);
  g_strfreev (self->checks);
  g_free (self->on_fail_id);
  g_clear_pointer (&self->failures, g_ptr_array_unref);
  g_clear_pointer (&self->offers, g_ptr_array_unref);
  g_clear_pointer (&self->extensions, json_object_unref);

  G_OBJECT_CLASS (gp_step_parent_class)->finalize (object);
}

static void
gp_step_class_init (GpStepClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = gp_step_finalize;
}

static void
gp_step_init (GpStep *self)
{
  self->estimated_seconds = -1;
}

GpStep *
gp_step_new_empty (guint index)
{
  GpStep *self = g_object_new (GP_TYPE_STEP, NULL);

  self->index = index;
  return self;
}

#define ARRAY_LEN(a) ((a) != NULL ? (a)->len : 0u)

const char *
gp_step_get_id (GpStep *self)
{
  g_return_val_if_fail (GP_IS_STEP (self), NULL);
  return self->id;
}

guint
gp_step_get_index (GpStep *self)
{
  g_return_val_if_fail (GP_IS_STEP (self), 0);
  return self->index;
}

GpStepKind
gp_step_get_kind (GpStep *self)
{
  g_return_val_if_fail (GP_IS_STEP (self), GP_STEP_KIND_INFO);
  return self->kind;
}

const char *
gp_step_get_title (GpStep *self)
{
  g_return_val_if_fail (GP_IS_STEP (self), NULL);
  return self->title;
}

gboolean
gp_step_has_screen (GpStep *self)
{
  g_return_val_if_fail (GP_IS_STEP (self), FALSE);
  return self->has_screen;
}

const char *
gp_step_get_screen_heading (GpStep *self)
{
  g_return_val_if_fail (GP_IS_STEP (self), NULL);
  return self->screen_heading;
}

guint
gp_step_get_n_elements (GpStep *self)
{
  g_return_val_if_fail (GP_IS_STEP (self), 0);
  return ARRAY_LEN (self->elements);
}

GpScreenElement *
gp_step_get_element (GpStep *self,
                     guint   index)
{
  g_return_val_if_fail (GP_IS_STEP (self), NULL);
  g_return_val_if_fail (index < ARRAY_LEN (self->elements), NULL);
  return g_ptr_array_index (self->elements, index);
}

GpScreenElement *
gp_step_lookup_element (GpStep     *self,
                        const char *id)
{
  g_return_val_if_fail (GP_IS_STEP (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  for (guint i = 0; i < ARRAY_LEN (self->elements); i++)
    {
      GpScreenElement *element = g_ptr_array_index (self->elements, i);

      if (g_strcmp0 (element->id, id) == 0)
        return element;
    }
  return NULL;
}

const char *
gp_step_get_target_id (GpStep *self)
{
  g_return_val_if_fail (GP_IS_STEP (self), NULL);
  return self->target_id;
}

const char *
gp_step_get_instruction (GpStep *self)
{
  g_return_val_if_fail (GP_IS_STEP (self), NULL);
  return self->instruction;
}

const char *
gp_step_get_why (GpStep *self)
{
  g_return_val_if_fail (GP_IS_STEP (self), NULL);
  return self->why;
}

const char *
gp_step_get_talk_new (GpStep *self)
{
  g_return_val_if_fail (GP_IS_STEP (self), NULL);
  return self->talk_new;
}

const char *
gp_step_get_talk_familiar (GpStep *self)
{
  g_return_val_if_fail (GP_IS_STEP (self), NULL);
  return self->talk_familiar;
}

const char * const *
gp_step_get_hints (GpStep *self)
{
  static const char * const none[] = { NULL };

  g_return_val_if_fail (GP_IS_STEP (self), none);
  return self->hints != NULL ? (const char * const *) self->hints : none;
}

guint
gp_step_get_n_hints (GpStep *self)
{
  g_return_val_if_fail (GP_IS_STEP (self), 0);
  return self->n_hints;
}

double
gp_step_get_estimated_seconds (GpStep *self)
{
  g_return_val_if_fail (GP_IS_STEP (self), -1);
  return self->estimated_seconds;
}

const char *
gp_step_get_next_id (GpStep *self)
{
  g_return_val_if_fail (GP_IS_STEP (self), NULL);
  return self->next_id;
}

const char *
gp_step_get_question (GpStep *self)
{
  g_return_val_if_fail (GP_IS_STEP (self), NULL);
  return self->question;
}

guint
gp_step_get_n_choices (GpStep *self)
{
  g_return_val_if_fail (GP_IS_STEP (self), 0);
  return ARRAY_LEN (self->choices);
}

GpChoice *
gp_step_get_choice (GpStep *self,
                    guint   index)
{
  g_return_val_if_fail (GP_IS_STEP (self), NULL);
  g_return_val_if_fail (index < ARRAY_LEN (self->choices), NULL);
  return g_ptr_array_index (self->choices, index);
}

const char * const *
gp_step_get_checks (GpStep *self)
{
  static const char * const none[] = { NULL };

  g_return_val_if_fail (GP_IS_STEP (self), none);
  return self->checks != NULL ? (const char * const *) self->checks : none;
}

const char *
gp_step_get_on_fail_id (GpStep *self)
{
  g_return_val_if_fail (GP_IS_STEP (self), NULL);
  return self->on_fail_id;
}

guint
gp_step_get_n_failures (GpStep *self)
{
  g_return_val_if_fail (GP_IS_STEP (self), 0);
  return ARRAY_LEN (self->failures);
}

GpFailure *
gp_step_get_failure (GpStep *self,
                     guint   index)
{
  g_return_val_if_fail (GP_IS_STEP (self), NULL);
  g_return_val_if_fail (index < ARRAY_LEN (self->failures), NULL);
  return g_ptr_array_index (self->failures, index);
}

GpFailure *
gp_step_lookup_failure (GpStep     *self,
                        const char *id)
{
  g_return_val_if_fail (GP_IS_STEP (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  for (guint i = 0; i < ARRAY_LEN (self->failures); i++)
    {
      GpFailure *failure = g_ptr_array_index (self->failures, i);

      if (g_strcmp0 (failure->id, id) == 0)
        return failure;
    }
  return NULL;
}

guint
gp_step_get_n_offers (GpStep *self)
{
  g_return_val_if_fail (GP_IS_STEP (self), 0);
  return ARRAY_LEN (self->offers);
}

GpOffer *
gp_step_get_offer (GpStep *self,
                   guint   index)
{
  g_return_val_if_fail (GP_IS_STEP (self), NULL);
  g_return_val_if_fail (index < ARRAY_LEN (self->offers), NULL);
  return g_ptr_array_index (self->offers, index);
}

GpOffer *
gp_step_lookup_offer (GpStep     *self,
                      const char *id)
{
  g_return_val_if_fail (GP_IS_STEP (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  for (guint i = 0; i < ARRAY_LEN (self->offers); i++)
    {
      GpOffer *offer = g_ptr_array_index (self->offers, i);

      if (g_strcmp0 (offer->id, id) == 0)
        return offer;
    }
  return NULL;
}

GpOutcome
gp_step_get_outcome (GpStep *self)
{
  g_return_val_if_fail (GP_IS_STEP (self), GP_OUTCOME_NONE);
  return self->outcome;
}

JsonObject *
gp_step_get_extensions (GpStep *self)
{
  g_return_val_if_fail (GP_IS_STEP (self), NULL);
  return self->extensions;
}
