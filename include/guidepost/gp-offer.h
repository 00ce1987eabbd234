/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>
#include <guidepost/gp-types.h>

G_BEGIN_DECLS

#define GP_TYPE_OFFER (gp_offer_get_type ())

G_DECLARE_FINAL_TYPE (GpOffer, gp_offer, GP, OFFER, GObject)

/* An additional service to mention at a step (unit D4 2.6). */
const char  *gp_offer_get_id            (GpOffer *self);
const char  *gp_offer_get_title         (GpOffer *self);
const char  *gp_offer_get_pitch         (GpOffer *self);
const char  *gp_offer_get_benefit       (GpOffer *self);
GpOfferWhen  gp_offer_get_when          (GpOffer *self);
/* Returns: TRUE when the offer may still be made after a failure or complaint */
gboolean     gp_offer_get_after_failure (GpOffer *self);
JsonObject  *gp_offer_get_extensions    (GpOffer *self);

G_END_DECLS
