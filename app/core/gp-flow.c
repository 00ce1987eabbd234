/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <math.h>

#include "gp-flow-private.h"

G_DEFINE_FINAL_TYPE (GpFlow, gp_flow, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_VERSION,
  PROP_LOCALE,
  PROP_TITLE,
  PROP_SERVICE_NAME,
  PROP_SUMMARY,
  PROP_ESTIMATED_MINUTES,
  PROP_N_STEPS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
gp_flow_finalize (GObject *object)
{
  GpFlow *self = GP_FLOW (object);

  g_free (self->origin);
  g_free (self->format);
  g_free (self->id);
  g_free (self->version);
  g_free (self->locale);
  g_free (self->title);
  g_free (self->service_name);
  g_free (self->service_url);
  g_clear_pointer (&self->service_extensions, json_object_unref);
  g_free (self->summary);
  g_strfreev (self->goals);
  g_strfreev (self->prerequisites);
  g_free (self->start_id);
  g_clear_pointer (&self->steps_by_id, g_hash_table_unref);
  g_clear_pointer (&self->steps, g_ptr_array_unref);
  g_clear_pointer (&self->extensions, json_object_unref);

  G_OBJECT_CLASS (gp_flow_parent_class)->finalize (object);
}

static void
gp_flow_get_property (GObject    *object,
                      guint       prop_id,
                      GValue     *value,
                      GParamSpec *pspec)
{
  GpFlow *self = GP_FLOW (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_VERSION:
      g_value_set_string (value, self->version);
      break;
    case PROP_LOCALE:
      g_value_set_string (value, self->locale);
      break;
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_SERVICE_NAME:
      g_value_set_string (value, self->service_name);
      break;
    case PROP_SUMMARY:
      g_value_set_string (value, self->summary);
      break;
    case PROP_ESTIMATED_MINUTES:
      g_value_set_double (value, self->estimated_minutes);
      break;
    case PROP_N_STEPS:
      g_value_set_uint (value, self->steps->len);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gp_flow_class_init (GpFlowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = gp_flow_finalize;
  object_class->get_property = gp_flow_get_property;

  /* Read-only: a flow never changes, so these exist for bindings and expressions. */
  properties[PROP_ID] = g_param_spec_string ("id", NULL, NULL, NULL, flags);
  properties[PROP_VERSION] = g_param_spec_string ("version", NULL, NULL, NULL, flags);
  properties[PROP_LOCALE] = g_param_spec_string ("locale", NULL, NULL, NULL, flags);
  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, NULL, flags);
  properties[PROP_SERVICE_NAME] = g_param_spec_string ("service-name", NULL, NULL, NULL, flags);
  properties[PROP_SUMMARY] = g_param_spec_string ("summary", NULL, NULL, NULL, flags);
  properties[PROP_ESTIMATED_MINUTES] =
    g_param_spec_double ("estimated-minutes", NULL, NULL, -1, G_MAXDOUBLE, -1, flags);
  properties[PROP_N_STEPS] = g_param_spec_uint ("n-steps", NULL, NULL, 0, G_MAXUINT, 0, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
gp_flow_init (GpFlow *self)
{
  self->estimated_minutes = -1;
  self->steps = g_ptr_array_new_with_free_func (g_object_unref);
  self->steps_by_id = g_hash_table_new (g_str_hash, g_str_equal);
}

GpFlow *
gp_flow_new_empty (void)
{
  return g_object_new (GP_TYPE_FLOW, NULL);
}

const char *
gp_flow_get_format (GpFlow *self)
{
  g_return_val_if_fail (GP_IS_FLOW (self), NULL);
  return self->format;
}

const char *
gp_flow_get_id (GpFlow *self)
{
  g_return_val_if_fail (GP_IS_FLOW (self), NULL);
  return self->id;
}

const char *
gp_flow_get_version (GpFlow *self)
{
  g_return_val_if_fail (GP_IS_FLOW (self), NULL);
  return self->version;
}

const char *
gp_flow_get_locale (GpFlow *self)
{
  g_return_val_if_fail (GP_IS_FLOW (self), NULL);
  return self->locale;
}

const char *
gp_flow_get_title (GpFlow *self)
{
  g_return_val_if_fail (GP_IS_FLOW (self), NULL);
  return self->title;
}

const char *
gp_flow_get_service_name (GpFlow *self)
{
  g_return_val_if_fail (GP_IS_FLOW (self), NULL);
  return self->service_name;
}

const char *
gp_flow_get_service_url (GpFlow *self)
{
  g_return_val_if_fail (GP_IS_FLOW (self), NULL);
  return self->service_url;
}

const char *
gp_flow_get_summary (GpFlow *self)
{
  g_return_val_if_fail (GP_IS_FLOW (self), NULL);
  return self->summary;
}

const char * const *
gp_flow_get_goals (GpFlow *self)
{
  static const char * const none[] = { NULL };

  g_return_val_if_fail (GP_IS_FLOW (self), none);
  return self->goals != NULL ? (const char * const *) self->goals : none;
}

const char * const *
gp_flow_get_prerequisites (GpFlow *self)
{
  static const char * const none[] = { NULL };

  g_return_val_if_fail (GP_IS_FLOW (self), none);
  return self->prerequisites != NULL ? (const char * const *) self->prerequisites : none;
}

double
gp_flow_get_estimated_minutes (GpFlow *self)
{
  g_return_val_if_fail (GP_IS_FLOW (self), -1);
  return self->estimated_minutes;
}

const char *
gp_flow_get_start_id (GpFlow *self)
{
  g_return_val_if_fail (GP_IS_FLOW (self), NULL);
  return self->start_id;
}

/**
 * gp_flow_get_start_step:
 *
 * Returns: (transfer none): the first step
 */
GpStep *
gp_flow_get_start_step (GpFlow *self)
{
  g_return_val_if_fail (GP_IS_FLOW (self), NULL);
  return self->start_id != NULL ? g_hash_table_lookup (self->steps_by_id, self->start_id) : NULL;
}

guint
gp_flow_get_n_steps (GpFlow *self)
{
  g_return_val_if_fail (GP_IS_FLOW (self), 0);
  return self->steps->len;
}

/**
 * gp_flow_get_step:
 *
 * Returns: (transfer none): the step at @index in reading order
 */
GpStep *
gp_flow_get_step (GpFlow *self,
                  guint   index)
{
  g_return_val_if_fail (GP_IS_FLOW (self), NULL);
  g_return_val_if_fail (index < self->steps->len, NULL);
  return g_ptr_array_index (self->steps, index);
}

/**
 * gp_flow_lookup_step:
 *
 * Returns: (transfer none) (nullable): the step with @id
 */
GpStep *
gp_flow_lookup_step (GpFlow     *self,
                     const char *id)
{
  g_return_val_if_fail (GP_IS_FLOW (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);
  return g_hash_table_lookup (self->steps_by_id, id);
}

const char *
gp_flow_get_origin (GpFlow *self)
{
  g_return_val_if_fail (GP_IS_FLOW (self), NULL);
  return self->origin;
}

JsonObject *
gp_flow_get_extensions (GpFlow *self)
{
  g_return_val_if_fail (GP_IS_FLOW (self), NULL);
  return self->extensions;
}

/* Serialisation: the canonical spelling of format 1, keys in the contract's order. */

static void
put_string (JsonObject *object,
            const char *key,
            const char *value)
{
  if (value != NULL)
    json_object_set_string_member (object, key, value);
}

/* Whole numbers are written without a fraction, as authors write them. */
static void
put_number (JsonObject *object,
            const char *key,
            double      value)
{
  if (value == floor (value) && fabs (value) < 9007199254740992.0)
    json_object_set_int_member (object, key, (gint64) value);
  else
    json_object_set_double_member (object, key, value);
}

static void
put_strv (JsonObject         *object,
          const char         *key,
          const char * const *values)
{
  JsonArray *array;

  if (values == NULL)
    return;

  array = json_array_new ();
  for (guint i = 0; values[i] != NULL; i++)
    json_array_add_string_element (array, values[i]);
  json_object_set_array_member (object, key, array);
}

static void
put_extensions (JsonObject *object,
                JsonObject *extensions)
{
  JsonObjectIter iter;
  const char *key;
  JsonNode *value;

  if (extensions == NULL)
    return;

  json_object_iter_init_ordered (&iter, extensions);
  while (json_object_iter_next_ordered (&iter, &key, &value))
    json_object_set_member (object, key, json_node_copy (value));
}

static JsonObject *
failure_to_json (GpFailure *failure)
{
  JsonObject *object = json_object_new ();

  put_string (object, "id", failure->id);
  put_string (object, "cause", gp_failure_cause_to_string (failure->cause));
  put_string (object, "symptom", failure->symptom);
  put_string (object, "explanation", failure->explanation);
  put_string (object, "say", failure->say);
  put_string (object, "recovery", failure->recovery_id);
  if (failure->retry_limit > 0)
    json_object_set_int_member (object, "retry_limit", failure->retry_limit);
  if (failure->has_escalation)
    {
      JsonObject *escalate = json_object_new ();

      put_string (escalate, "to", failure->escalate_to);
      put_string (escalate, "priority", gp_priority_to_string (failure->escalate_priority));
      put_string (escalate, "reason", failure->escalate_reason);
      put_extensions (escalate, failure->escalate_extensions);
      json_object_set_object_member (object, "escalate", escalate);
    }
  put_extensions (object, failure->extensions);
  return object;
}

static JsonObject *
offer_to_json (GpOffer *offer)
{
  JsonObject *object = json_object_new ();

  put_string (object, "id", offer->id);
  put_string (object, "title", offer->title);
  put_string (object, "pitch", offer->pitch);
  put_string (object, "benefit", offer->benefit);
  if (offer->has_when)
    put_string (object, "when", gp_offer_when_to_string (offer->when));
  if (offer->has_after_failure)
    json_object_set_boolean_member (object, "after_failure", offer->after_failure);
  put_extensions (object, offer->extensions);
  return object;
}

static JsonObject *
step_to_json (GpStep *step)
{
  JsonObject *object = json_object_new ();

  put_string (object, "id", step->id);
  put_string (object, "kind", gp_step_kind_to_string (step->kind));
  put_string (object, "title", step->title);
  if (step->has_screen)
    {
      JsonObject *screen = json_object_new ();
      JsonArray *elements = json_array_new ();

      put_string (screen, "heading", step->screen_heading);
      for (guint i = 0; i < step->elements->len; i++)
        {
          GpScreenElement *element = g_ptr_array_index (step->elements, i);
          JsonObject *e = json_object_new ();

          put_string (e, "id", element->id);
          put_string (e, "type", gp_element_type_to_string (element->type));
          put_string (e, "label", element->label);
          if (element->secret)
            json_object_set_boolean_member (e, "secret", TRUE);
          put_extensions (e, element->extensions);
          json_array_add_object_element (elements, e);
        }
      json_object_set_array_member (screen, "elements", elements);
      put_extensions (screen, step->screen_extensions);
      json_object_set_object_member (object, "screen", screen);
    }
  put_string (object, "target", step->target_id);
  put_string (object, "instruction", step->instruction);
  put_string (object, "why", step->why);
  if (step->has_talk)
    {
      JsonObject *talk = json_object_new ();

      put_string (talk, "new", step->talk_new);
      put_string (talk, "familiar", step->talk_familiar);
      put_extensions (talk, step->talk_extensions);
      json_object_set_object_member (object, "talk", talk);
    }
  put_strv (object, "hints", (const char * const *) step->hints);
  if (step->estimated_seconds > 0)
    put_number (object, "estimated_seconds", step->estimated_seconds);
  put_string (object, "next", step->next_id);
  put_string (object, "question", step->question);
  if (step->choices != NULL)
    {
      JsonArray *choices = json_array_new ();

      for (guint i = 0; i < step->choices->len; i++)
        {
          GpChoice *choice = g_ptr_array_index (step->choices, i);
          JsonObject *c = json_object_new ();

          put_string (c, "label", choice->label);
          put_string (c, "next", choice->next_id);
          put_extensions (c, choice->extensions);
          json_array_add_object_element (choices, c);
        }
      json_object_set_array_member (object, "choices", choices);
    }
  put_strv (object, "checks", (const char * const *) step->checks);
  put_string (object, "on_fail", step->on_fail_id);
  if (step->failures != NULL)
    {
      JsonArray *failures = json_array_new ();

      for (guint i = 0; i < step->failures->len; i++)
        json_array_add_object_element (failures, failure_to_json (g_ptr_array_index (step->failures, i)));
      json_object_set_array_member (object, "failures", failures);
    }
  if (step->offers != NULL)
    {
      JsonArray *offers = json_array_new ();

      for (guint i = 0; i < step->offers->len; i++)
        json_array_add_object_element (offers, offer_to_json (g_ptr_array_index (step->offers, i)));
      json_object_set_array_member (object, "offers", offers);
    }
  if (step->kind == GP_STEP_KIND_END)
    put_string (object, "outcome", gp_outcome_to_string (step->outcome));
  put_extensions (object, step->extensions);
  return object;
}

/**
 * gp_flow_to_json:
 *
 * Returns: (transfer full): the flow as a format-1 document, x- keys included
 */
JsonNode *
gp_flow_to_json (GpFlow *self)
{
  JsonObject *object;
  JsonObject *service;
  JsonArray *steps;
  JsonNode *root;

  g_return_val_if_fail (GP_IS_FLOW (self), NULL);

  object = json_object_new ();
  put_string (object, "format", self->format);
  put_string (object, "id", self->id);
  put_string (object, "version", self->version);
  put_string (object, "locale", self->locale);
  put_string (object, "title", self->title);
  service = json_object_new ();
  put_string (service, "name", self->service_name);
  put_string (service, "url", self->service_url);
  put_extensions (service, self->service_extensions);
  json_object_set_object_member (object, "service", service);
  put_string (object, "summary", self->summary);
  put_strv (object, "goals", (const char * const *) self->goals);
  put_strv (object, "prerequisites", (const char * const *) self->prerequisites);
  if (self->estimated_minutes > 0)
    put_number (object, "estimated_minutes", self->estimated_minutes);
  put_string (object, "start", self->start_id);
  steps = json_array_new ();
  for (guint i = 0; i < self->steps->len; i++)
    json_array_add_object_element (steps, step_to_json (g_ptr_array_index (self->steps, i)));
  json_object_set_array_member (object, "steps", steps);
  put_extensions (object, self->extensions);

  root = json_node_new (JSON_NODE_OBJECT);
  json_node_take_object (root, object);
  return root;
}

/**
 * gp_flow_to_data:
 * @length: (out) (optional): the length of the text
 *
 * Returns: (transfer full): the flow as pretty-printed JSON text
 */
char *
gp_flow_to_data (GpFlow *self,
                 gsize  *length)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonGenerator) generator = NULL;

  g_return_val_if_fail (GP_IS_FLOW (self), NULL);

  root = gp_flow_to_json (self);
  generator = json_generator_new ();
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, length);
}
