/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <math.h>
#include <glib/gi18n.h>
#include <guidepost/guidepost.h>

#include "gp-ui-resources.h"

#include "gp-flow-row.h"

struct _GpFlowRow
{
  AdwActionRow  parent_instance;

  GpFlow       *flow;

  GtkLabel     *estimate_label;
  GtkLabel     *locale_label;
};

G_DEFINE_FINAL_TYPE (GpFlowRow, gp_flow_row, ADW_TYPE_ACTION_ROW)

enum {
  PROP_0,
  PROP_FLOW,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Rounded the way people say it on the phone: "About 8 minutes", "About 2 hours". */
static char *
format_estimate (double minutes)
{
  int n;

  if (minutes < 0 || !isfinite (minutes))
    return NULL;

  if (minutes < 1)
    return g_strdup (_("Under a minute"));

  if (minutes < 90)
    {
      n = (int) lround (minutes);
      return g_strdup_printf (ngettext ("About %d minute", "About %d minutes", n), n);
    }

  n = (int) lround (MIN (minutes, 60.0 * 24 * 365) / 60);
  return g_strdup_printf (ngettext ("About %d hour", "About %d hours", n), n);
}

/* "en-GB" as people read it: "English (UK)".  The languages and regions Guidepost's
 * flows are written for; any other tag is shown as it is. */
static char *
describe_locale (const char *tag)
{
  static const struct { const char *code; const char *name; } languages[] = {
    { "en", N_("English") }, { "cy", N_("Welsh") }, { "gd", N_("Scottish Gaelic") },
    { "ga", N_("Irish") }, { "fr", N_("French") }, { "de", N_("German") },
    { "es", N_("Spanish") }, { "it", N_("Italian") }, { "nl", N_("Dutch") },
    { "pl", N_("Polish") }, { "pt", N_("Portuguese") }, { "ro", N_("Romanian") },
    { "pa", N_("Punjabi") }, { "ur", N_("Urdu") }, { "bn", N_("Bengali") },
    { "ar", N_("Arabic") }, { "zh", N_("Chinese") }, { "tr", N_("Turkish") },
  };
  static const struct { const char *code; const char *name; } regions[] = {
    { "GB", N_("UK") }, { "IE", N_("Ireland") }, { "US", N_("US") }, { "CA", N_("Canada") },
    { "AU", N_("Australia") }, { "NZ", N_("New Zealand") }, { "FR", N_("France") },
    { "BE", N_("Belgium") }, { "DE", N_("Germany") }, { "ES", N_("Spain") }, { "BR", N_("Brazil") },
    { "PT", N_("Portugal") },
  };
  g_auto(GStrv) parts = g_strsplit (tag, "-", 3);
  const char *language = NULL, *region = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (languages) && parts[0] != NULL; i++)
    if (g_ascii_strcasecmp (parts[0], languages[i].code) == 0)
      language = _(languages[i].name);
  for (guint i = 0; i < G_N_ELEMENTS (regions) && parts[0] != NULL && parts[1] != NULL; i++)
    if (g_ascii_strcasecmp (parts[1], regions[i].code) == 0)
      region = _(regions[i].name);

  if (language == NULL || (parts[1] != NULL && region == NULL) || (parts[1] != NULL && parts[2] != NULL))
    return g_strdup (tag);
  if (region == NULL)
    return g_strdup (language);
  /* Translators: a language and the region it is written for, "English (UK)" */
  return g_strdup_printf (_("%s (%s)"), language, region);
}

static void
gp_flow_row_constructed (GObject *object)
{
  GpFlowRow *self = GP_FLOW_ROW (object);
  g_autofree char *estimate = NULL;
  g_autofree char *locale_tooltip = NULL;
  g_autofree char *language = NULL;
  const char *locale;

  G_OBJECT_CLASS (gp_flow_row_parent_class)->constructed (object);

  g_return_if_fail (GP_IS_FLOW (self->flow));

  /* Flow files are not markup; the template turns use-markup off. */
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), gp_flow_get_title (self->flow));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self), gp_flow_get_service_name (self->flow));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self), gp_flow_get_summary (self->flow));

  estimate = format_estimate (gp_flow_get_estimated_minutes (self->flow));
  gtk_label_set_label (self->estimate_label, estimate);
  gtk_widget_set_visible (GTK_WIDGET (self->estimate_label), estimate != NULL);

  locale = gp_flow_get_locale (self->flow);
  language = describe_locale (locale != NULL ? locale : "");
  gtk_label_set_label (self->locale_label, language);
  gtk_widget_set_visible (GTK_WIDGET (self->locale_label), locale != NULL && *locale != '\0');
  /* Translators: %s is a language tag such as "en-GB" */
  locale_tooltip = g_strdup_printf (_("Language: %s"), locale ? locale : "");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->locale_label), locale_tooltip);
}

static void
gp_flow_row_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  GpFlowRow *self = GP_FLOW_ROW (object);

  switch (prop_id)
    {
    case PROP_FLOW:
      g_value_set_object (value, self->flow);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gp_flow_row_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  GpFlowRow *self = GP_FLOW_ROW (object);

  switch (prop_id)
    {
    case PROP_FLOW:
      self->flow = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gp_flow_row_dispose (GObject *object)
{
  GpFlowRow *self = GP_FLOW_ROW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), GP_TYPE_FLOW_ROW);
  g_clear_object (&self->flow);

  G_OBJECT_CLASS (gp_flow_row_parent_class)->dispose (object);
}

static void
gp_flow_row_class_init (GpFlowRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = gp_flow_row_constructed;
  object_class->get_property = gp_flow_row_get_property;
  object_class->set_property = gp_flow_row_set_property;
  object_class->dispose = gp_flow_row_dispose;

  properties[PROP_FLOW] =
    g_param_spec_object ("flow", NULL, NULL,
                         GP_TYPE_FLOW,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                         G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* Referencing the resource keeps the static library's copy of it linked in. */
  (void) gp_ui_get_resource ();
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/gp-flow-row.ui");
  gtk_widget_class_bind_template_child (widget_class, GpFlowRow, estimate_label);
  gtk_widget_class_bind_template_child (widget_class, GpFlowRow, locale_label);
}

static void
gp_flow_row_init (GpFlowRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
gp_flow_row_new (GpFlow *flow)
{
  g_return_val_if_fail (GP_IS_FLOW (flow), NULL);

  return g_object_new (GP_TYPE_FLOW_ROW, "flow", flow, NULL);
}

/**
 * gp_flow_row_get_flow:
 *
 * Returns: (transfer none): the flow this row shows
 */
GpFlow *
gp_flow_row_get_flow (GpFlowRow *self)
{
  g_return_val_if_fail (GP_IS_FLOW_ROW (self), NULL);

  return self->flow;
}
