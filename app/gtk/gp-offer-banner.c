/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <glib/gi18n.h>

#include "gp-offer-banner.h"

struct _GpOfferBanner
{
  AdwBin       parent_instance;

  GpOffer     *offer;
  char        *step_id;

  GtkRevealer *revealer;
  GtkLabel    *title_label;
  GtkLabel    *pitch_label;
  GtkLabel    *benefit_label;
};

G_DEFINE_FINAL_TYPE (GpOfferBanner, gp_offer_banner, ADW_TYPE_BIN)

void
gp_offer_banner_set_offer (GpOfferBanner *self,
                           const char    *step_id,
                           GpOffer       *offer)
{
  const char *benefit;

  g_return_if_fail (GP_IS_OFFER_BANNER (self));
  g_return_if_fail (offer == NULL || GP_IS_OFFER (offer));

  if (offer == self->offer && g_strcmp0 (step_id, self->step_id) == 0)
    return;

  g_set_object (&self->offer, offer);
  g_free (self->step_id);
  self->step_id = g_strdup (offer != NULL ? step_id : NULL);

  if (offer != NULL)
    {
      gtk_label_set_label (self->title_label, gp_offer_get_title (offer));
      gtk_label_set_label (self->pitch_label, gp_offer_get_pitch (offer));
      benefit = gp_offer_get_benefit (offer);
      gtk_label_set_label (self->benefit_label, benefit);
      gtk_widget_set_visible (GTK_WIDGET (self->benefit_label), benefit != NULL && *benefit != '\0');
      gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      gp_offer_get_title (offer), -1);
    }
  gtk_widget_set_visible (GTK_WIDGET (self), offer != NULL);
  gtk_revealer_set_reveal_child (self->revealer, offer != NULL);
}

GpOffer *
gp_offer_banner_get_offer (GpOfferBanner *self)
{
  g_return_val_if_fail (GP_IS_OFFER_BANNER (self), NULL);

  return self->offer;
}

const char *
gp_offer_banner_get_step_id (GpOfferBanner *self)
{
  g_return_val_if_fail (GP_IS_OFFER_BANNER (self), NULL);

  return self->step_id;
}

static void
gp_offer_banner_dispose (GObject *object)
{
  GpOfferBanner *self = GP_OFFER_BANNER (object);

  g_clear_object (&self->offer);

  /* The template's top child is the bin's: unparent it once, through the bin. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), GP_TYPE_OFFER_BANNER);

  G_OBJECT_CLASS (gp_offer_banner_parent_class)->dispose (object);
}

static void
gp_offer_banner_finalize (GObject *object)
{
  GpOfferBanner *self = GP_OFFER_BANNER (object);

  g_free (self->step_id);

  G_OBJECT_CLASS (gp_offer_banner_parent_class)->finalize (object);
}

static void
gp_offer_banner_class_init (GpOfferBannerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gp_offer_banner_dispose;
  object_class->finalize = gp_offer_banner_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/gp-offer-banner.ui");
  gtk_widget_class_bind_template_child (widget_class, GpOfferBanner, revealer);
  gtk_widget_class_bind_template_child (widget_class, GpOfferBanner, title_label);
  gtk_widget_class_bind_template_child (widget_class, GpOfferBanner, pitch_label);
  gtk_widget_class_bind_template_child (widget_class, GpOfferBanner, benefit_label);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
gp_offer_banner_init (GpOfferBanner *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
}

GtkWidget *
gp_offer_banner_new (void)
{
  return g_object_new (GP_TYPE_OFFER_BANNER, NULL);
}
