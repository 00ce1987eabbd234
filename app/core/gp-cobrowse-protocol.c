/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>
#include <errno.h>
#include <sys/random.h>
#include <guidepost/gp-json.h>
#include <guidepost/gp-event.h>
#include <guidepost/gp-session.h>
#include "gp-cobrowse-private.h"
#include "gp-json-doc.h"

G_DEFINE_QUARK (gp-cobrowse-error-quark, gp_cobrowse_error)

static const char * const role_names[] = { "agent", "customer", "trainer", "observer" };

GType
gp_cobrowse_role_get_type (void)
{
  static gsize type = 0;

  if (g_once_init_enter (&type))
    {
      static const GEnumValue values[] = {
        { GP_COBROWSE_ROLE_AGENT, "GP_COBROWSE_ROLE_AGENT", "agent" },
        { GP_COBROWSE_ROLE_CUSTOMER, "GP_COBROWSE_ROLE_CUSTOMER", "customer" },
        { GP_COBROWSE_ROLE_TRAINER, "GP_COBROWSE_ROLE_TRAINER", "trainer" },
        { GP_COBROWSE_ROLE_OBSERVER, "GP_COBROWSE_ROLE_OBSERVER", "observer" },
        { 0, NULL, NULL },
      };
      g_once_init_leave (&type, g_enum_register_static ("GpCobrowseRole", values));
    }
  return type;
}

const char *
gp_cobrowse_role_to_string (GpCobrowseRole role)
{
  g_return_val_if_fail ((guint) role < G_N_ELEMENTS (role_names), NULL);
  return role_names[role];
}

gboolean
gp_cobrowse_role_from_string (const char     *text,
                              GpCobrowseRole *role)
{
  for (guint i = 0; text != NULL && i < G_N_ELEMENTS (role_names); i++)
    if (strcmp (text, role_names[i]) == 0)
      {
        *role = (GpCobrowseRole) i;
        return TRUE;
      }
  return FALSE;
}

static const char * const error_names[] = {
  "forbidden", "not-driving", "bad-request", "unknown-action", "rate-limited",
  "no-counterpart", "declined", "busy", "refused", "bad-code", "disconnected", "closed",
  "protocol", "full", "failed",
};
G_STATIC_ASSERT (G_N_ELEMENTS (error_names) == GP_COBROWSE_ERROR_FAILED + 1);

const char *
gp_cobrowse_error_to_string (GpCobrowseError code)
{
  g_return_val_if_fail ((guint) code < G_N_ELEMENTS (error_names), NULL);
  return error_names[code];
}

static const char * const session_error_names[] = {
  "ended", "wrong-step-kind", "checks-pending", "out-of-range", "unknown",
  "no-previous-step", "no-failure", "retry-limit", "offer-not-allowed", "offer-repeated",
  "offer-not-presented", "already-done", "not-allowed", "invalid-argument", "inconsistent",
};
G_STATIC_ASSERT (G_N_ELEMENTS (session_error_names) == GP_SESSION_ERROR_INCONSISTENT + 1);

static const char * const action_names[] = {
  "next", "back", "choose", "hint", "why", "pass-check", "fail-check", "report-failure",
  "inject-failure", "take-recovery", "answer-offer", "present-offer", "escalate",
  "complaint", "note", "satisfaction", "end", "take-over", "hand-back", "consent", "point",
};
G_STATIC_ASSERT (G_N_ELEMENTS (action_names) == N_ACTIONS);

gboolean
gp_cobrowse_action_from_string (const char       *text,
                                GpCobrowseAction *action)
{
  for (guint i = 0; text != NULL && i < N_ACTIONS; i++)
    if (strcmp (text, action_names[i]) == 0)
      {
        *action = (GpCobrowseAction) i;
        return TRUE;
      }
  return FALSE;
}

const char *
gp_cobrowse_action_to_string (GpCobrowseAction action)
{
  g_return_val_if_fail ((guint) action < N_ACTIONS, NULL);
  return action_names[action];
}

/* The role table of docs/protocol.md: A agent, T trainer, C customer while driving,
 * c customer at any time. */
static const char * const role_table[] = {
  [ACTION_NEXT] = "ATC", [ACTION_BACK] = "ATC", [ACTION_CHOOSE] = "ATC",
  [ACTION_HINT] = "ATC", [ACTION_WHY] = "AT", [ACTION_PASS_CHECK] = "AT",
  [ACTION_FAIL_CHECK] = "AT", [ACTION_REPORT_FAILURE] = "ATC", [ACTION_INJECT_FAILURE] = "T",
  [ACTION_TAKE_RECOVERY] = "AT", [ACTION_ANSWER_OFFER] = "ATC", [ACTION_PRESENT_OFFER] = "AT",
  [ACTION_ESCALATE] = "AT", [ACTION_COMPLAINT] = "AT", [ACTION_NOTE] = "AT",
  [ACTION_SATISFACTION] = "AT", [ACTION_END] = "AT", [ACTION_TAKE_OVER] = "ATc",
  [ACTION_HAND_BACK] = "ATc", [ACTION_CONSENT] = "ATc", [ACTION_POINT] = "AT",
};

gboolean
gp_cobrowse_role_check (GpCobrowseRole    role,
                        GpCobrowseAction  action,
                        int               driver,
                        GError          **error)
{
  const char *allowed = role_table[action];

  switch (role)
    {
    case GP_COBROWSE_ROLE_AGENT:
      if (strchr (allowed, 'A') != NULL)
        return TRUE;
      break;
    case GP_COBROWSE_ROLE_TRAINER:
      if (strchr (allowed, 'T') != NULL)
        return TRUE;
      break;
    case GP_COBROWSE_ROLE_CUSTOMER:
      if (strchr (allowed, 'c') != NULL)
        return TRUE;
      if (strchr (allowed, 'C') != NULL)
        {
          if (driver == GP_ACTOR_CUSTOMER)
            return TRUE;
          g_set_error (error, GP_COBROWSE_ERROR, GP_COBROWSE_ERROR_NOT_DRIVING,
                       "the customer may %s only while driving; the agent drives now",
                       action_names[action]);
          return FALSE;
        }
      break;
    case GP_COBROWSE_ROLE_OBSERVER:
    default:
      break;
    }
  g_set_error (error, GP_COBROWSE_ERROR, GP_COBROWSE_ERROR_FORBIDDEN,
               "the %s role may not %s", role_names[role], action_names[action]);
  return FALSE;
}

JsonObject *
gp_cobrowse_message_new (const char *type)
{
  JsonObject *message = json_object_new ();

  json_object_set_int_member (message, "v", GP_COBROWSE_PROTOCOL_VERSION);
  json_object_set_string_member (message, "type", type);
  return message;
}

char *
gp_cobrowse_message_serialize (JsonObject *message,
                               gsize      *length)
{
  g_autoptr(JsonObject) owned = message;
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), owned);
  g_autoptr(JsonGenerator) generator = json_generator_new ();

  json_generator_set_root (generator, node);
  return json_generator_to_data (generator, length);
}

GpJsonDoc *
gp_cobrowse_message_parse_doc (GBytes      *bytes,
                               gsize        max_size,
                               const char **type,
                               gushort     *close_code,
                               GError     **error)
{
  g_autoptr(GpJsonDoc) doc = NULL;
  g_autoptr(GError) local_error = NULL;
  const GpJsonValue *root, *version, *type_value;
  gsize length;
  const char *data = g_bytes_get_data (bytes, &length);

  *close_code = GP_COBROWSE_CLOSE_POLICY;
  if (length > max_size)
    {
      *close_code = GP_COBROWSE_CLOSE_TOO_BIG;
      g_set_error (error, GP_COBROWSE_ERROR, GP_COBROWSE_ERROR_PROTOCOL,
                   "message of %" G_GSIZE_FORMAT " bytes is over the limit of %" G_GSIZE_FORMAT,
                   length, max_size);
      return NULL;
    }
  doc = gp_json_doc_parse (data, length, GP_COBROWSE_MAX_DEPTH, NULL, NULL, &local_error);
  if (doc == NULL)
    {
      g_set_error (error, GP_COBROWSE_ERROR, GP_COBROWSE_ERROR_PROTOCOL,
                   "malformed JSON: %s", local_error->message);
      return NULL;
    }
  root = gp_json_doc_get_root (doc);
  if (root->type != GP_JSON_VALUE_OBJECT)
    {
      g_set_error (error, GP_COBROWSE_ERROR, GP_COBROWSE_ERROR_PROTOCOL,
                   "a message is a JSON object");
      return NULL;
    }
  version = gp_json_value_get_member (root, "v");
  if (version == NULL || version->type != GP_JSON_VALUE_INT)
    {
      g_set_error (error, GP_COBROWSE_ERROR, GP_COBROWSE_ERROR_PROTOCOL,
                   "a message has an integer “v”");
      return NULL;
    }
  if (version->integer != GP_COBROWSE_PROTOCOL_VERSION)
    {
      *close_code = GP_COBROWSE_CLOSE_UNSUPPORTED;
      g_set_error (error, GP_COBROWSE_ERROR, GP_COBROWSE_ERROR_PROTOCOL,
                   "unsupported protocol version %" G_GINT64_FORMAT ", this side speaks %d",
                   version->integer, GP_COBROWSE_PROTOCOL_VERSION);
      return NULL;
    }
  type_value = gp_json_value_get_member (root, "type");
  if (type_value == NULL || type_value->type != GP_JSON_VALUE_STRING)
    {
      g_set_error (error, GP_COBROWSE_ERROR, GP_COBROWSE_ERROR_BAD_REQUEST, "“type” must be a string");
      return NULL;
    }
  *type = type_value->string;
  return g_steal_pointer (&doc);
}

JsonObject *
gp_cobrowse_message_parse (GBytes      *bytes,
                           gsize        max_size,
                           const char **type,
                           gushort     *close_code,
                           GError     **error)
{
  g_autoptr(GpJsonDoc) doc = gp_cobrowse_message_parse_doc (bytes, max_size, type, close_code, error);
  g_autoptr(JsonNode) root = NULL;
  JsonObject *message;

  if (doc == NULL)
    return NULL;
  root = gp_json_value_to_node (gp_json_doc_get_root (doc));
  message = json_node_get_object (root);
  /* The document goes: the type as the tree holds it. */
  *type = json_object_get_string_member (message, "type");
  return json_object_ref (message);
}

JsonObject *
gp_cobrowse_error_to_json (const GError *error)
{
  JsonObject *object = json_object_new ();
  const char *domain = "cobrowse", *code = "failed";

  if (error->domain == GP_SESSION_ERROR && (guint) error->code < G_N_ELEMENTS (session_error_names))
    {
      domain = "session";
      code = session_error_names[error->code];
    }
  else if (error->domain == GP_COBROWSE_ERROR && (guint) error->code < G_N_ELEMENTS (error_names))
    code = error_names[error->code];
  json_object_set_string_member (object, "domain", domain);
  json_object_set_string_member (object, "code", code);
  json_object_set_string_member (object, "message", error->message);
  return object;
}

GError *
gp_cobrowse_error_from_json (JsonObject *object)
{
  const char *domain = NULL, *code = NULL, *message = NULL;

  if (object == NULL ||
      !gp_cobrowse_get_string (object, "domain", FALSE, &domain, NULL) ||
      !gp_cobrowse_get_string (object, "code", FALSE, &code, NULL) ||
      !gp_cobrowse_get_string (object, "message", FALSE, &message, NULL))
    return g_error_new_literal (GP_COBROWSE_ERROR, GP_COBROWSE_ERROR_PROTOCOL,
                                "the host sent an error without domain, code and message");
  if (strcmp (domain, "session") == 0)
    {
      for (guint i = 0; i < G_N_ELEMENTS (session_error_names); i++)
        if (strcmp (code, session_error_names[i]) == 0)
          return g_error_new_literal (GP_SESSION_ERROR, (int) i, message);
    }
  else
    {
      for (guint i = 0; i < G_N_ELEMENTS (error_names); i++)
        if (strcmp (code, error_names[i]) == 0)
          return g_error_new_literal (GP_COBROWSE_ERROR, (int) i, message);
    }
  return g_error_new_literal (GP_COBROWSE_ERROR, GP_COBROWSE_ERROR_FAILED, message);
}

static JsonNode *
get_member (JsonObject  *object,
            const char  *name,
            gboolean     optional,
            GType        type,
            const char  *what,
            GError     **error)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL && optional)
    return NULL;
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != type)
    {
      g_set_error (error, GP_COBROWSE_ERROR, GP_COBROWSE_ERROR_BAD_REQUEST,
                   "“%s” must be %s", name, what);
      return NULL;
    }
  return node;
}

gboolean
gp_cobrowse_get_string (JsonObject  *object,
                        const char  *name,
                        gboolean     optional,
                        const char **value,
                        GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  JsonNode *node = get_member (object, name, optional, G_TYPE_STRING, "a string", &local_error);

  *value = node != NULL ? json_node_get_string (node) : NULL;
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return TRUE;
}

gboolean
gp_cobrowse_get_int (JsonObject *object,
                     const char *name,
                     gboolean    optional,
                     gint64     *value,
                     GError    **error)
{
  g_autoptr(GError) local_error = NULL;
  JsonNode *node = get_member (object, name, optional, G_TYPE_INT64, "an integer", &local_error);

  if (node != NULL)
    *value = json_node_get_int (node);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return TRUE;
}

gboolean
gp_cobrowse_get_bool (JsonObject  *object,
                      const char  *name,
                      gboolean    *value,
                      GError     **error)
{
  JsonNode *node = get_member (object, name, FALSE, G_TYPE_BOOLEAN, "true or false", error);

  if (node == NULL)
    return FALSE;
  *value = json_node_get_boolean (node);
  return TRUE;
}

char *
gp_cobrowse_code_generate (guint length)
{
  static const char alphabet[] = GP_COBROWSE_CODE_ALPHABET;
  const guint n = sizeof alphabet - 1;
  /* Rejection sampling keeps every character equally likely. */
  const guint limit = 256 - 256 % n;
  GString *code = g_string_sized_new (length);

  while (code->len < length)
    {
      guint8 buffer[32];
      ssize_t got = getrandom (buffer, sizeof buffer, 0);

      if (got < 0)
        {
          if (errno == EINTR)
            continue;
          g_error ("getrandom() failed: %s", g_strerror (errno));
        }
      for (ssize_t i = 0; i < got && code->len < length; i++)
        if (buffer[i] < limit)
          g_string_append_c (code, alphabet[buffer[i] % n]);
    }
  return g_string_free (code, FALSE);
}

char *
gp_cobrowse_code_normalize (const char *text)
{
  GString *code = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p++)
    {
      char c = g_ascii_toupper (*p);

      if (c == ' ' || c == '-')
        continue;
      if (strchr (GP_COBROWSE_CODE_ALPHABET, c) == NULL || code->len >= 64)
        {
          g_string_free (code, TRUE);
          return NULL;
        }
      g_string_append_c (code, c);
    }
  return g_string_free (code, FALSE);
}

gboolean
gp_cobrowse_code_equal (const char *expected,
                        const char *given)
{
  gsize n = strlen (expected), m = strlen (given);
  guint difference = n != m;

  /* Every character of @expected is looked at, whatever @given is. */
  for (gsize i = 0; i < n; i++)
    difference |= (guint) (guchar) expected[i] ^ (guint) (guchar) (i < m ? given[i] : 0);
  return difference == 0;
}

void
gp_cobrowse_send_text (SoupWebsocketConnection *connection,
                       const char              *text)
{
  if (soup_websocket_connection_get_state (connection) == SOUP_WEBSOCKET_STATE_OPEN)
    soup_websocket_connection_send_text (connection, text);
}

void
gp_cobrowse_close (SoupWebsocketConnection *connection,
                   gushort                  code,
                   const char              *reason)
{
  if (soup_websocket_connection_get_state (connection) == SOUP_WEBSOCKET_STATE_OPEN)
    soup_websocket_connection_close (connection, code, reason);
}
