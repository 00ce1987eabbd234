/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <glib/gi18n.h>

#include "gp-ui-resources.h"
#include "gp-customer-card.h"
#include "gp-gtk-util.h"

struct _GpCustomerCard
{
  AdwBin          parent_instance;

  GpScenario     *scenario;
  GpTrainingRun  *run;

  AdwAvatar      *avatar;
  GtkLabel       *name_label;
  GtkLabel       *details_label;
  GtkLabel       *said_heading;
  GtkLabel       *said_label;
  GtkWidget      *at_hand_box;
  GtkLabel       *at_hand_label;
};

G_DEFINE_FINAL_TYPE (GpCustomerCard, gp_customer_card, ADW_TYPE_BIN)

static const char *
mood_text (GpMood mood)
{
  switch (mood)
    {
    case GP_MOOD_ANXIOUS: return _("Anxious");
    case GP_MOOD_ANGRY: return _("Angry");
    case GP_MOOD_CONFUSED: return _("Confused");
    case GP_MOOD_IN_A_HURRY: return _("In a hurry");
    case GP_MOOD_CALM:
    default: return _("Calm");
    }
}

static void
update_said (GpCustomerCard *self)
{
  const char *said = self->run != NULL ? gp_training_run_get_last_said (self->run) : NULL;
  g_autofree char *quoted = NULL;

  if (self->scenario == NULL)
    return;
  /* Before the script says anything, the customer's first words: what they want. */
  gtk_label_set_label (self->said_heading, said != NULL ? _("Last said") : _("Said at the start"));
  /* Translators: what the customer says, in quotation marks */
  quoted = g_strdup_printf (_("“%s”"), said != NULL ? said : gp_scenario_get_persona_goal (self->scenario));
  gtk_label_set_label (self->said_label, quoted);
}

static void
update (GpCustomerCard *self)
{
  const char *name;
  const char * const *at_hand;
  g_autoptr(GString) items = g_string_new (NULL);
  g_autofree char *details = NULL;
  g_autofree char *accessible = NULL;

  if (self->scenario == NULL)
    return;

  name = gp_scenario_get_persona_name (self->scenario);
  if (name == NULL || *name == '\0')
    name = _("The customer");
  gtk_label_set_label (self->name_label, name);
  adw_avatar_set_text (self->avatar, name);
  /* Translators: "New to this service · Anxious" */
  details = g_strdup_printf (_("%s · %s"),
                             gp_scenario_get_persona_familiarity (self->scenario) == GP_FAMILIARITY_FAMILIAR
                             ? _("Has used this service before") : _("New to this service"),
                             mood_text (gp_scenario_get_persona_mood (self->scenario)));
  gtk_label_set_label (self->details_label, details);

  at_hand = gp_scenario_get_persona_has_at_hand (self->scenario);
  for (guint i = 0; at_hand != NULL && at_hand[i] != NULL; i++)
    g_string_append_printf (items, "%s• %s", i > 0 ? "\n" : "", at_hand[i]);
  gtk_label_set_label (self->at_hand_label, items->str);
  gtk_widget_set_visible (self->at_hand_box, items->len > 0);

  /* Translators: the customer card's accessible name, e.g. "Customer: Margaret Hale" */
  accessible = g_strdup_printf (_("Customer: %s"), name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
  update_said (self);
}

void
gp_customer_card_set_scenario (GpCustomerCard *self,
                               GpScenario     *scenario)
{
  g_return_if_fail (GP_IS_CUSTOMER_CARD (self));
  g_return_if_fail (scenario == NULL || GP_IS_SCENARIO (scenario));

  if (!g_set_object (&self->scenario, scenario))
    return;
  gtk_widget_set_visible (GTK_WIDGET (self), scenario != NULL);
  update (self);
}

static void
on_customer_said (GpCustomerCard *self)
{
  update_said (self);
}

void
gp_customer_card_set_run (GpCustomerCard *self,
                          GpTrainingRun  *run)
{
  g_return_if_fail (GP_IS_CUSTOMER_CARD (self));
  g_return_if_fail (run == NULL || GP_IS_TRAINING_RUN (run));

  if (!gp_set_watched_object (&self->run, run, self))
    return;
  if (run != NULL)
    {
      g_signal_connect_object (run, "customer-said", G_CALLBACK (on_customer_said), self, G_CONNECT_SWAPPED);
      gp_customer_card_set_scenario (self, gp_training_run_get_scenario (run));
    }
  update_said (self);
}

const char *
gp_customer_card_get_said (GpCustomerCard *self)
{
  g_return_val_if_fail (GP_IS_CUSTOMER_CARD (self), NULL);

  return gtk_label_get_label (self->said_label);
}

static void
gp_customer_card_dispose (GObject *object)
{
  GpCustomerCard *self = GP_CUSTOMER_CARD (object);

  gp_set_watched_object (&self->run, NULL, self);
  g_clear_object (&self->scenario);

  /* The template's top child is the bin's: unparent it once, through the bin. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), GP_TYPE_CUSTOMER_CARD);

  G_OBJECT_CLASS (gp_customer_card_parent_class)->dispose (object);
}

static void
gp_customer_card_class_init (GpCustomerCardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gp_customer_card_dispose;

  (void) gp_ui_get_resource ();
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/gp-customer-card.ui");
#define BIND(name) gtk_widget_class_bind_template_child (widget_class, GpCustomerCard, name)
  BIND (avatar);
  BIND (name_label);
  BIND (details_label);
  BIND (said_heading);
  BIND (said_label);
  BIND (at_hand_box);
  BIND (at_hand_label);
#undef BIND
  gtk_widget_class_set_css_name (widget_class, "customercard");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
gp_customer_card_init (GpCustomerCard *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Customer"), -1);
}

GtkWidget *
gp_customer_card_new (void)
{
  return g_object_new (GP_TYPE_CUSTOMER_CARD, NULL);
}
