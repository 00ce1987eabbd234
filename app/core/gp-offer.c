/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "gp-flow-private.h"

G_DEFINE_FINAL_TYPE (GpOffer, gp_offer, G_TYPE_OBJECT)

static void
gp_offer_finalize (GObject *object)
{
  GpOffer *self = GP_OFFER (object);

  g_free (self->id);
  g_free (self->title);
  g_free (self->pitch);
  g_free (self->benefit);
  g_clear_pointer (&self->extensions, json_object_unref);

  G_OBJECT_CLASS (gp_offer_parent_class)->finalize (object);
}

static void
gp_offer_class_init (GpOfferClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = gp_offer_finalize;
}

static void
gp_offer_init (GpOffer *self)
{
  self->when = GP_OFFER_WHEN_ON_ENTER;
}

GpOffer *
gp_offer_new_empty (guint index)
{
  GpOffer *self = g_object_new (GP_TYPE_OFFER, NULL);

  self->index = index;
  return self;
}

const char *
gp_offer_get_id (GpOffer *self)
{
  g_return_val_if_fail (GP_IS_OFFER (self), NULL);
  return self->id;
}

const char *
gp_offer_get_title (GpOffer *self)
{
  g_return_val_if_fail (GP_IS_OFFER (self), NULL);
  return self->title;
}

const char *
gp_offer_get_pitch (GpOffer *self)
{
  g_return_val_if_fail (GP_IS_OFFER (self), NULL);
  return self->pitch;
}

const char *
gp_offer_get_benefit (GpOffer *self)
{
  g_return_val_if_fail (GP_IS_OFFER (self), NULL);
  return self->benefit;
}

GpOfferWhen
gp_offer_get_when (GpOffer *self)
{
  g_return_val_if_fail (GP_IS_OFFER (self), GP_OFFER_WHEN_ON_ENTER);
  return self->when;
}

gboolean
gp_offer_get_after_failure (GpOffer *self)
{
  g_return_val_if_fail (GP_IS_OFFER (self), FALSE);
  return self->after_failure;
}

JsonObject *
gp_offer_get_extensions (GpOffer *self)
{
  g_return_val_if_fail (GP_IS_OFFER (self), NULL);
  return self->extensions;
}
