/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>

#include "gp-flow-private.h"
#include "gp-flow-fields.h"

/* Reads a format-1 flow from JSON into the model, reporting every structural problem
 * (unknown keys, wrong types, missing keys, bad values) with its JSON pointer, then
 * hands the model to the validator for ids, references and the step graph.  The
 * conventions for where each problem is reported are in docs/diagnostics-conventions.md. */

#define FLOW_FORMAT "guidepost-flow/1"


static const char * const flow_keys[] = {
  "format", "id", "version", "locale", "title", "service", "summary", "goals",
  "prerequisites", "estimated_minutes", "start", "steps", NULL
};
static const char * const service_keys[] = { "name", "url", NULL };
static const char * const step_keys[] = {
  "id", "kind", "title", "screen", "target", "instruction", "why", "talk", "hints",
  "estimated_seconds", "next", "question", "choices", "checks", "on_fail", "failures",
  "offers", "outcome", NULL
};
static const char * const screen_keys[] = { "heading", "elements", NULL };
static const char * const element_keys[] = { "id", "type", "label", "secret", NULL };
static const char * const talk_keys[] = { "new", "familiar", NULL };
static const char * const choice_keys[] = { "label", "next", NULL };
static const char * const failure_keys[] = {
  "id", "cause", "symptom", "explanation", "say", "recovery", "retry_limit", "escalate", NULL
};
static const char * const escalate_keys[] = { "to", "priority", "reason", NULL };
static const char * const offer_keys[] = {
  "id", "title", "pitch", "benefit", "when", "after_failure", NULL
};

static const char * const kind_names[] = { "screen", "question", "identity-check", "info", "end", NULL };
static const char * const element_type_names[] = { "field", "button", "link", "text", "choice", "image", NULL };
static const char * const cause_names[] = { "customer", "system", NULL };
static const char * const priority_names[] = { "low", "normal", "high", "urgent", NULL };
static const char * const outcome_names[] = { "completed", "escalated", "abandoned", NULL };
static const char * const when_names[] = { "on-enter", "on-complete", NULL };

static void
read_element (GpFieldReader     *loader,
              const GpJsonValue *object,
              guint              index,
              gpointer           user_data)
{
  GpStep *step = user_data;
  GpScreenElement *element = gp_screen_element_new_empty (index);
  gboolean present;
  int type;

  gp_fields_check_members (loader, object, element_keys, &element->extensions);
  element->id = gp_fields_take_slug (loader, object, "id", TRUE, "an id unique on this screen");
  type = gp_fields_take_enum (loader, object, "type", TRUE, element_type_names);
  element->type = type >= 0 ? (GpElementType) type : GP_ELEMENT_TYPE_TEXT;
  element->label = gp_fields_take_text (loader, object, "label", TRUE, "what the screen shows");
  element->secret = gp_fields_take_boolean (loader, object, "secret", &present);
  g_ptr_array_add (step->elements, element);
}

static void
read_screen (GpFieldReader     *loader,
             GpStep            *step,
             const GpJsonValue *object)
{
  const GpJsonValue *elements;
  gsize saved = gp_fields_push_key (loader, "screen");

  step->has_screen = TRUE;
  step->elements = g_ptr_array_new_with_free_func (g_object_unref);
  gp_fields_check_members (loader, object, screen_keys, &step->screen_extensions);
  step->screen_heading = gp_fields_take_text (loader, object, "heading", TRUE, "the heading the website shows");
  elements = gp_fields_get_array (loader, object, "elements", TRUE, "what the screen shows");
  if (elements != NULL)
    {
      if (elements->length == 0)
        gp_fields_error (loader, GP_DIAGNOSTIC_BAD_VALUE, "elements", "a screen must show at least one element");
      gp_fields_read_object_array (loader, elements, "elements", "a screen element", read_element, step);
    }
  gp_fields_pop (loader, saved);
}

static void
read_talk (GpFieldReader     *loader,
           GpStep            *step,
           const GpJsonValue *object)
{
  gsize saved = gp_fields_push_key (loader, "talk");

  step->has_talk = TRUE;
  gp_fields_check_members (loader, object, talk_keys, &step->talk_extensions);
  step->talk_new = gp_fields_take_text (loader, object, "new", FALSE, "what to say to a new customer");
  step->talk_familiar = gp_fields_take_text (loader, object, "familiar", FALSE, "what to say to a familiar customer");
  gp_fields_pop (loader, saved);
}

static void
read_choice (GpFieldReader     *loader,
             const GpJsonValue *object,
             guint              index,
             gpointer           user_data)
{
  GpStep *step = user_data;
  GpChoice *choice = gp_choice_new_empty (index);

  gp_fields_check_members (loader, object, choice_keys, &choice->extensions);
  choice->label = gp_fields_take_text (loader, object, "label", TRUE, "the answer as the customer would give it");
  choice->next_id = gp_fields_take_slug (loader, object, "next", TRUE, "the step this answer leads to");
  if (choice->next_id == NULL)
    loader->graph_sound = FALSE;
  g_ptr_array_add (step->choices, choice);
}

static void
read_failure (GpFieldReader     *loader,
              const GpJsonValue *object,
              guint              index,
              gpointer           user_data)
{
  GpStep *step = user_data;
  GpFailure *failure = gp_failure_new_empty (index);
  const GpJsonValue *escalate;
  int cause;

  gp_fields_check_members (loader, object, failure_keys, &failure->extensions);
  failure->id = gp_fields_take_slug (loader, object, "id", TRUE, "an id unique in this step");
  cause = gp_fields_take_enum (loader, object, "cause", TRUE, cause_names);
  failure->cause = cause >= 0 ? (GpFailureCause) cause : GP_FAILURE_CAUSE_CUSTOMER;
  failure->symptom = gp_fields_take_text (loader, object, "symptom", TRUE, "what the customer sees or says");
  failure->explanation = gp_fields_take_text (loader, object, "explanation", TRUE, "what is going on, for the agent");
  failure->say = gp_fields_take_text (loader, object, "say", FALSE, "how to put it to the customer");
  failure->recovery_id = gp_fields_take_slug (loader, object, "recovery", TRUE, "the step to go to next");
  if (failure->recovery_id == NULL)
    loader->graph_sound = FALSE;
  failure->retry_limit = gp_fields_take_count (loader, object, "retry_limit");

  escalate = gp_fields_get_object (loader, object, "escalate", FALSE, "who takes it over");
  if (escalate != NULL)
    {
      gsize saved = gp_fields_push_key (loader, "escalate");
      int priority;

      failure->has_escalation = TRUE;
      gp_fields_check_members (loader, escalate, escalate_keys, &failure->escalate_extensions);
      failure->escalate_to = gp_fields_take_text (loader, escalate, "to", TRUE, "the team or person who takes it over");
      priority = gp_fields_take_enum (loader, escalate, "priority", TRUE, priority_names);
      failure->escalate_priority = priority >= 0 ? (GpPriority) priority : GP_PRIORITY_NORMAL;
      failure->escalate_reason = gp_fields_take_text (loader, escalate, "reason", FALSE, "why it is escalated");
      gp_fields_pop (loader, saved);
    }
  g_ptr_array_add (step->failures, failure);
}

static void
read_offer (GpFieldReader     *loader,
            const GpJsonValue *object,
            guint              index,
            gpointer           user_data)
{
  GpStep *step = user_data;
  GpOffer *offer = gp_offer_new_empty (index);
  int when;

  gp_fields_check_members (loader, object, offer_keys, &offer->extensions);
  offer->id = gp_fields_take_slug (loader, object, "id", TRUE, "an id unique in the flow");
  offer->title = gp_fields_take_text (loader, object, "title", TRUE, "the name of the service offered");
  offer->pitch = gp_fields_take_text (loader, object, "pitch", TRUE, "how to offer it");
  offer->benefit = gp_fields_take_text (loader, object, "benefit", FALSE, "what the customer gains");
  when = gp_fields_take_enum (loader, object, "when", FALSE, when_names);
  offer->has_when = when >= 0;
  offer->when = when >= 0 ? (GpOfferWhen) when : GP_OFFER_WHEN_ON_ENTER;
  offer->after_failure = gp_fields_take_boolean (loader, object, "after_failure", &offer->has_after_failure);
  g_ptr_array_add (step->offers, offer);
}

/* Indices into step_keys, so a kind's rules are bit masks. */
enum
{
  KEY_ID, KEY_KIND, KEY_TITLE, KEY_SCREEN, KEY_TARGET, KEY_INSTRUCTION, KEY_WHY, KEY_TALK, KEY_HINTS,
  KEY_ESTIMATED_SECONDS, KEY_NEXT, KEY_QUESTION, KEY_CHOICES, KEY_CHECKS, KEY_ON_FAIL, KEY_FAILURES,
  KEY_OFFERS, KEY_OUTCOME, N_STEP_KEYS
};
G_STATIC_ASSERT (G_N_ELEMENTS (step_keys) == N_STEP_KEYS + 1);

#define KEY_BIT(key) (G_GUINT64_CONSTANT (1) << (key))

/* Which keys a kind requires and which it refuses (the rest are optional). */
typedef struct
{
  guint64 required;
  guint64 refused;
} KindRules;

static const KindRules kind_rules[] = {
  [GP_STEP_KIND_SCREEN] = {
    KEY_BIT (KEY_SCREEN) | KEY_BIT (KEY_NEXT),
    KEY_BIT (KEY_QUESTION) | KEY_BIT (KEY_CHOICES) | KEY_BIT (KEY_CHECKS) | KEY_BIT (KEY_ON_FAIL) | KEY_BIT (KEY_OUTCOME) },
  [GP_STEP_KIND_QUESTION] = {
    KEY_BIT (KEY_QUESTION) | KEY_BIT (KEY_CHOICES),
    KEY_BIT (KEY_NEXT) | KEY_BIT (KEY_CHECKS) | KEY_BIT (KEY_ON_FAIL) | KEY_BIT (KEY_OUTCOME) },
  [GP_STEP_KIND_IDENTITY_CHECK] = {
    KEY_BIT (KEY_CHECKS) | KEY_BIT (KEY_ON_FAIL) | KEY_BIT (KEY_NEXT),
    KEY_BIT (KEY_QUESTION) | KEY_BIT (KEY_CHOICES) | KEY_BIT (KEY_OUTCOME) },
  [GP_STEP_KIND_INFO] = {
    KEY_BIT (KEY_NEXT),
    KEY_BIT (KEY_QUESTION) | KEY_BIT (KEY_CHOICES) | KEY_BIT (KEY_CHECKS) | KEY_BIT (KEY_ON_FAIL) | KEY_BIT (KEY_OUTCOME) },
  [GP_STEP_KIND_END] = {
    KEY_BIT (KEY_OUTCOME),
    KEY_BIT (KEY_NEXT) | KEY_BIT (KEY_SCREEN) | KEY_BIT (KEY_QUESTION) | KEY_BIT (KEY_CHOICES) |
    KEY_BIT (KEY_CHECKS) | KEY_BIT (KEY_ON_FAIL) },
};

static gboolean
kind_refuses (int   kind,
              guint key)
{
  return kind >= 0 && (kind_rules[kind].refused & KEY_BIT (key)) != 0;
}

static gboolean
kind_requires (int   kind,
               guint key)
{
  return kind >= 0 && (kind_rules[kind].required & KEY_BIT (key)) != 0;
}

static void
read_step (GpFieldReader     *loader,
           const GpJsonValue *object,
           guint              index,
           gpointer           user_data)
{
  GpFlow *flow = user_data;
  GpStep *step = gp_step_new_empty (index);
  const GpJsonValue *child;
  const GpJsonValue *array;
  guint64 present, refused;
  gboolean is_end;
  int kind;

  g_ptr_array_add (flow->steps, step);

  present = gp_fields_check_members (loader, object, step_keys, &step->extensions);
  step->id = gp_fields_take_slug (loader, object, "id", TRUE, "an id unique in the flow");
  if (step->id == NULL)
    loader->graph_sound = FALSE;
  else if (!g_hash_table_contains (flow->steps_by_id, step->id))
    g_hash_table_insert (flow->steps_by_id, step->id, step);

  kind = gp_fields_take_enum (loader, object, "kind", TRUE, kind_names);
  step->kind_known = kind >= 0;
  step->kind = kind >= 0 ? (GpStepKind) kind : GP_STEP_KIND_INFO;
  if (kind < 0)
    loader->graph_sound = FALSE;
  is_end = kind == GP_STEP_KIND_END;

  /* Keys that belong to other kinds are reported once, in step_keys order, then not read. */
  refused = kind >= 0 ? present & kind_rules[kind].refused : 0;
  for (guint i = 0; refused != 0 && i < N_STEP_KEYS; i++)
    if (refused & KEY_BIT (i))
      {
        if (i == KEY_NEXT && is_end)
          gp_fields_error (loader, GP_DIAGNOSTIC_END_WITH_NEXT, "next",
                    "an end step has no \"next\": the session ends here");
        else
          gp_fields_error (loader, GP_DIAGNOSTIC_KEY_NOT_ALLOWED, step_keys[i],
                    "\"%s\" does not belong on a \"%s\" step", step_keys[i], kind_names[kind]);
      }

  step->title = gp_fields_take_text (loader, object, "title", TRUE, "a short name for the step");
  step->instruction = gp_fields_take_text (loader, object, "instruction", !is_end && kind >= 0, "what to do, in plain words");
  step->why = gp_fields_take_text (loader, object, "why", !is_end && kind >= 0, "why the service needs this step");

  if (!kind_refuses (kind, KEY_SCREEN))
    {
      child = gp_fields_get_object (loader, object, "screen", kind_requires (kind, KEY_SCREEN),
                          "the heading and elements of the website's screen");
      if (child != NULL)
        read_screen (loader, step, child);
    }
  step->target_id = gp_fields_take_slug (loader, object, "target", FALSE, "the element to use now");

  child = gp_fields_get_object (loader, object, "talk", FALSE, "what the agent can say");
  if (child != NULL)
    read_talk (loader, step, child);

  step->hints = gp_fields_take_text_array (loader, object, "hints", FALSE, FALSE,
                                 "hints from gentle to the full answer", &step->n_hints);
  step->estimated_seconds = gp_fields_take_positive_number (loader, object, "estimated_seconds");

  if (!kind_refuses (kind, KEY_NEXT))
    {
      step->next_id = gp_fields_take_slug (loader, object, "next", kind_requires (kind, KEY_NEXT),
                                 "the step after this one succeeds");
      if (step->next_id == NULL && kind_requires (kind, KEY_NEXT))
        loader->graph_sound = FALSE;
    }

  if (!kind_refuses (kind, KEY_QUESTION))
    step->question = gp_fields_take_text (loader, object, "question", kind_requires (kind, KEY_QUESTION),
                                "the question the customer answers");
  if (!kind_refuses (kind, KEY_CHOICES))
    {
      array = gp_fields_get_array (loader, object, "choices", kind_requires (kind, KEY_CHOICES),
                         "the answers and where each leads");
      if (array != NULL)
        {
          step->choices = g_ptr_array_new_with_free_func (g_object_unref);
          if (array->length < 2)
            gp_fields_error (loader, GP_DIAGNOSTIC_FEW_CHOICES, "choices",
                      "a question needs at least two choices, this one has %u",
                      array->length);
          if (!gp_fields_read_object_array (loader, array, "choices", "a choice", read_choice, step))
            loader->graph_sound = FALSE;
        }
      else if (kind_requires (kind, KEY_CHOICES))
        loader->graph_sound = FALSE;
    }

  if (!kind_refuses (kind, KEY_CHECKS))
    step->checks = gp_fields_take_text_array (loader, object, "checks", kind_requires (kind, KEY_CHECKS), TRUE,
                                    "what the agent confirms", NULL);
  if (!kind_refuses (kind, KEY_ON_FAIL))
    {
      step->on_fail_id = gp_fields_take_slug (loader, object, "on_fail", kind_requires (kind, KEY_ON_FAIL),
                                    "the step a failed check leads to");
      if (step->on_fail_id == NULL && kind_requires (kind, KEY_ON_FAIL))
        loader->graph_sound = FALSE;
    }

  array = gp_fields_get_array (loader, object, "failures", FALSE, "what can go wrong here");
  if (array != NULL)
    {
      step->failures = g_ptr_array_new_with_free_func (g_object_unref);
      if (!gp_fields_read_object_array (loader, array, "failures", "a failure", read_failure, step))
        loader->graph_sound = FALSE;
    }

  array = gp_fields_get_array (loader, object, "offers", FALSE, "additional services to mention here");
  if (array != NULL)
    {
      step->offers = g_ptr_array_new_with_free_func (g_object_unref);
      gp_fields_read_object_array (loader, array, "offers", "an offer", read_offer, step);
    }

  if (!kind_refuses (kind, KEY_OUTCOME))
    {
      int outcome = gp_fields_take_enum (loader, object, "outcome", kind_requires (kind, KEY_OUTCOME), outcome_names);

      step->outcome = outcome >= 0 ? (GpOutcome) (outcome + GP_OUTCOME_COMPLETED) : GP_OUTCOME_NONE;
    }
}

static void
read_flow (GpFieldReader   *loader,
           GpFlow   *flow,
           const GpJsonValue *root)
{
  const GpJsonValue *object = root;
  const GpJsonValue *service;
  const GpJsonValue *steps;

  if (!gp_fields_check_root (loader, root, "flow", flow_keys, &flow->extensions))
    {
      loader->graph_sound = FALSE;
      return;
    }

  flow->format = gp_fields_take_format (loader, object, FLOW_FORMAT);
  flow->id = gp_fields_take_slug (loader, object, "id", TRUE, "a stable id such as \"renew-parking-permit\"");
  flow->version = gp_fields_take_version (loader, object, "MAJOR.MINOR.PATCH", "1.2.0");
  flow->locale = gp_fields_take_locale (loader, object);

  flow->title = gp_fields_take_text (loader, object, "title", TRUE, "what the customer wants done");

  service = gp_fields_get_object (loader, object, "service", TRUE, "the online service: {name, url}");
  if (service != NULL)
    {
      gsize saved = gp_fields_push_key (loader, "service");

      gp_fields_check_members (loader, service, service_keys, &flow->service_extensions);
      flow->service_name = gp_fields_take_text (loader, service, "name", TRUE, "the name of the online service");
      flow->service_url = gp_fields_take_text (loader, service, "url", FALSE, "the address of the online service");
      if (flow->service_url != NULL &&
          !g_str_has_prefix (flow->service_url, "https://") &&
          !g_str_has_prefix (flow->service_url, "http://"))
        gp_fields_error (loader, GP_DIAGNOSTIC_BAD_VALUE, "url",
                  "\"url\" must start with https:// or http://, not \"%s\"", flow->service_url);
      gp_fields_pop (loader, saved);
    }

  flow->summary = gp_fields_take_text (loader, object, "summary", TRUE, "one or two sentences");
  flow->goals = gp_fields_take_text_array (loader, object, "goals", TRUE, TRUE,
                                 "words a customer uses for this need", NULL);
  flow->prerequisites = gp_fields_take_text_array (loader, object, "prerequisites", FALSE, FALSE,
                                         "what to have at hand", NULL);
  flow->estimated_minutes = gp_fields_take_positive_number (loader, object, "estimated_minutes");

  flow->start_id = gp_fields_take_slug (loader, object, "start", TRUE, "the id of the first step");
  if (flow->start_id == NULL)
    loader->graph_sound = FALSE;

  steps = gp_fields_get_array (loader, object, "steps", TRUE, "the steps of the flow");
  if (steps == NULL)
    loader->graph_sound = FALSE;
  else
    {
      if (steps->length == 0)
        {
          gp_fields_error (loader, GP_DIAGNOSTIC_BAD_VALUE, "steps", "a flow must have at least one step");
          loader->graph_sound = FALSE;
        }
      if (!gp_fields_read_object_array (loader, steps, "steps", "a step", read_step, flow))
        loader->graph_sound = FALSE;
    }
}

static GpDiagnosticCode
diagnostic_code_for_json_error (const GError *error)
{
  if (error->domain == GP_JSON_ERROR)
    switch ((GpJsonError) error->code)
      {
      case GP_JSON_ERROR_TOO_DEEP:
        return GP_DIAGNOSTIC_TOO_DEEP;
      case GP_JSON_ERROR_DUPLICATE_KEY:
        return GP_DIAGNOSTIC_DUPLICATE_KEY;
      case GP_JSON_ERROR_EMPTY:
        return GP_DIAGNOSTIC_EMPTY;
      case GP_JSON_ERROR_NOT_UTF8:
        return GP_DIAGNOSTIC_NOT_UTF8;
      case GP_JSON_ERROR_SYNTAX:
      default:
        return GP_DIAGNOSTIC_SYNTAX;
      }
  return GP_DIAGNOSTIC_SYNTAX;
}

static GpFlowError
flow_error_for_code (GpDiagnosticCode code)
{
  switch (code)
    {
    case GP_DIAGNOSTIC_NOT_UTF8:
      return GP_FLOW_ERROR_NOT_UTF8;
    case GP_DIAGNOSTIC_EMPTY:
      return GP_FLOW_ERROR_EMPTY;
    case GP_DIAGNOSTIC_TOO_LARGE:
      return GP_FLOW_ERROR_TOO_LARGE;
    case GP_DIAGNOSTIC_UNREADABLE:
      return GP_FLOW_ERROR_UNREADABLE;
    default:
      return GP_FLOW_ERROR_SYNTAX;
    }
}

/* Records a whole-file problem both as a diagnostic and as @error. */
static void
fail_file (GPtrArray         *diagnostics,
           GpDiagnosticCode   code,
           const char        *file,
           guint              line,
           guint              column,
           const char        *message,
           GError           **error)
{
  g_autoptr(GpDiagnostic) diagnostic =
    gp_diagnostic_new (GP_SEVERITY_ERROR, code, file, line > 0 ? NULL : "", line, column, message);
  g_autofree char *text = gp_diagnostic_to_string (diagnostic);

  if (diagnostics != NULL)
    g_ptr_array_add (diagnostics, g_object_ref (diagnostic));
  g_set_error_literal (error, GP_FLOW_ERROR, flow_error_for_code (code), text);
}

/* Checks the size and parses strictly; every problem is a diagnostic and @error. */
GpJsonDoc *
gp_fields_parse_bytes (GBytes      *bytes,
                       const char  *file_name,
                       GPtrArray   *diagnostics,
                       GError     **error)
{
  g_autoptr(GError) json_error = NULL;
  GpJsonDoc *doc;
  const char *data;
  gsize length;
  guint line = 0, column = 0;

  data = g_bytes_get_data (bytes, &length);
  if (length > GP_FLOW_MAX_BYTES)
    {
      g_autofree char *message =
        g_strdup_printf ("the file is %" G_GSIZE_FORMAT " bytes; Guidepost reads files of at most %u bytes",
                         length, GP_FLOW_MAX_BYTES);

      fail_file (diagnostics, GP_DIAGNOSTIC_TOO_LARGE, file_name, 0, 0, message, error);
      return NULL;
    }

  doc = gp_json_doc_parse (data, length, GP_FLOW_MAX_DEPTH, &line, &column, &json_error);
  if (doc == NULL)
    {
      /* The strict parser's message starts with "LINE:COL: "; the diagnostic keeps them apart. */
      const char *message = strstr (json_error->message, ": ");

      message = message != NULL ? message + 2 : json_error->message;
      fail_file (diagnostics, diagnostic_code_for_json_error (json_error), file_name,
                 line, column, message, error);
      return NULL;
    }
  return doc;
}

/* How to name @file in messages: @display_name, else its path, else its URI. */
char *
gp_fields_file_name (GFile      *file,
                     const char *display_name)
{
  char *name = display_name != NULL ? g_strdup (display_name) : g_file_get_path (file);

  return name != NULL ? name : g_file_get_uri (file);
}

/* Reads a regular file of at most GP_FLOW_MAX_BYTES; a problem is a diagnostic and @error. */
GBytes *
gp_fields_read_file (GFile         *file,
                     const char    *name,
                     GCancellable  *cancellable,
                     GPtrArray     *diagnostics,
                     GError       **error)
{
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) local_error = NULL;
  char *contents = NULL;
  gsize length = 0;

  /* Check the size before reading, so a huge file or a device never gets loaded. */
  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_TYPE "," G_FILE_ATTRIBUTE_STANDARD_SIZE,
                            G_FILE_QUERY_INFO_NONE, cancellable, &local_error);
  if (info == NULL)
    {
      fail_file (diagnostics, GP_DIAGNOSTIC_UNREADABLE, name, 0, 0, local_error->message, error);
      return NULL;
    }
  if (g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR)
    {
      fail_file (diagnostics, GP_DIAGNOSTIC_UNREADABLE, name, 0, 0,
                 "not a regular file", error);
      return NULL;
    }
  if (g_file_info_get_size (info) > GP_FLOW_MAX_BYTES)
    {
      g_autofree char *message =
        g_strdup_printf ("the file is %" G_GOFFSET_FORMAT " bytes; Guidepost reads files of at most %u bytes",
                         g_file_info_get_size (info), GP_FLOW_MAX_BYTES);

      fail_file (diagnostics, GP_DIAGNOSTIC_TOO_LARGE, name, 0, 0, message, error);
      return NULL;
    }

  if (!g_file_load_contents (file, cancellable, &contents, &length, NULL, &local_error))
    {
      fail_file (diagnostics, GP_DIAGNOSTIC_UNREADABLE, name, 0, 0, local_error->message, error);
      return NULL;
    }
  return g_bytes_new_take (contents, length);
}

/**
 * gp_flow_load_bytes:
 * @bytes: the file's contents
 * @file_name: (nullable): how to name the file in messages
 * @diagnostics: (nullable) (element-type GpDiagnostic): where to add every problem
 *
 * Returns: (transfer full) (nullable): the flow, or %NULL if it has errors
 */
GpFlow *
gp_flow_load_bytes (GBytes     *bytes,
                    const char *file_name,
                    GPtrArray  *diagnostics,
                    GError    **error)
{
  g_auto(GpFieldReader) loader = { 0 };
  g_autoptr(GpJsonDoc) doc = NULL;
  g_autoptr(GpFlow) flow = NULL;

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  doc = gp_fields_reader_start (&loader, bytes, file_name, diagnostics, error);
  if (doc == NULL)
    return NULL;

  flow = gp_flow_new_empty ();
  flow->origin = g_strdup (file_name);
  read_flow (&loader, flow, gp_json_doc_get_root (doc));
  g_clear_pointer (&doc, gp_json_doc_free);
  gp_flow_validate (flow, file_name, loader.graph_sound, loader.diagnostics);

  /* The error names the first problem; the diagnostics have them all. */
  if (gp_fields_reader_finish (&loader, error))
    return NULL;

  return g_steal_pointer (&flow);
}

/**
 * gp_flow_load_file:
 * @diagnostics: (nullable) (element-type GpDiagnostic): where to add every problem
 *
 * Returns: (transfer full) (nullable): the flow, or %NULL if it could not be read or has errors
 */
GpFlow *
gp_flow_load_file (GFile         *file,
                   GCancellable  *cancellable,
                   GPtrArray     *diagnostics,
                   GError       **error)
{
  return gp_flow_load_file_named (file, NULL, cancellable, diagnostics, error);
}

/**
 * gp_flow_load_file_named:
 * @display_name: (nullable): the name for messages; the file's path when %NULL
 *
 * Returns: (transfer full) (nullable): the flow, or %NULL if it could not be read or has errors
 */
GpFlow *
gp_flow_load_file_named (GFile         *file,
                         const char    *display_name,
                         GCancellable  *cancellable,
                         GPtrArray     *diagnostics,
                         GError       **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *name = NULL;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  name = gp_fields_file_name (file, display_name);
  bytes = gp_fields_read_file (file, name, cancellable, diagnostics, error);
  if (bytes == NULL)
    return NULL;
  return gp_flow_load_bytes (bytes, name, diagnostics, error);
}

guint
gp_diagnostics_count (GPtrArray  *diagnostics,
                      GpSeverity  severity)
{
  guint n = 0;

  g_return_val_if_fail (diagnostics != NULL, 0);

  for (guint i = 0; i < diagnostics->len; i++)
    if (gp_diagnostic_get_severity (g_ptr_array_index (diagnostics, i)) == severity)
      n++;
  return n;
}
