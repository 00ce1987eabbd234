/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>
#include <guidepost/guidepost.h>

G_BEGIN_DECLS

#define GP_TYPE_CUSTOMER_CARD (gp_customer_card_get_type ())

G_DECLARE_FINAL_TYPE (GpCustomerCard, gp_customer_card, GP, CUSTOMER_CARD, AdwBin)

/* Training: the scripted customer of a scenario (name, familiarity, mood, what they have
 * at hand) and what they just said, announced to screen readers as it changes. */
GtkWidget  *gp_customer_card_new          (void);
void        gp_customer_card_set_scenario (GpCustomerCard *self,
                                           GpScenario     *scenario);
/* Follows @run's ::customer-said; NULL: the goal, as said at the start. */
void        gp_customer_card_set_run      (GpCustomerCard *self,
                                           GpTrainingRun  *run);
/* Returns: what the card shows the customer saying */
const char *gp_customer_card_get_said     (GpCustomerCard *self);

G_END_DECLS
