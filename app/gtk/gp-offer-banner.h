/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>
#include <guidepost/guidepost.h>

G_BEGIN_DECLS

#define GP_TYPE_OFFER_BANNER (gp_offer_banner_get_type ())

G_DECLARE_FINAL_TYPE (GpOfferBanner, gp_offer_banner, GP, OFFER_BANNER, AdwBin)

/* An additional service to mention (unit D4 2.6), unobtrusive above the step. */
GtkWidget  *gp_offer_banner_new         (void);
/* @offer: (nullable): hides the banner */
void        gp_offer_banner_set_offer   (GpOfferBanner *self,
                                         const char    *step_id,
                                         GpOffer       *offer);
GpOffer    *gp_offer_banner_get_offer   (GpOfferBanner *self);
const char *gp_offer_banner_get_step_id (GpOfferBanner *self);

G_END_DECLS
