/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>

#include "gp-json-doc.h"

/* Each block starts with this header; what follows is handed out front to back. */
typedef union _Block Block;
union _Block
{
  Block  *next;
  gint64  align;
  double  align_double;
  char    pad[16];
};

struct _GpJsonDoc
{
  GpJsonValue  root;
  Block       *blocks;      /* newest first */
  char        *cursor;
  char        *limit;
  gsize        block_size;  /* of the next block */
};

#define MAX_BLOCK_SIZE (16 * 1024 * 1024)

GpJsonDoc *
gp_json_doc_new (gsize size_hint)
{
  GpJsonDoc *doc = g_new0 (GpJsonDoc, 1);

  /* A document takes about as much room as its text; one block then usually does.  A
   * small one (a co-browse message) stays small: a block over about 1 KiB is a "large"
   * malloc request, which consolidates the allocator's free lists every time. */
  doc->block_size = CLAMP (size_hint + size_hint / 2, 256, MAX_BLOCK_SIZE);
  return doc;
}

static void
add_block (GpJsonDoc *doc,
           gsize      size)
{
  gsize block_size = MAX (doc->block_size, size + sizeof (Block));
  Block *block = g_malloc (block_size);

  block->next = doc->blocks;
  doc->blocks = block;
  doc->cursor = (char *) (block + 1);
  doc->limit = (char *) block + block_size;
  if (doc->block_size < MAX_BLOCK_SIZE)
    doc->block_size *= 2;
}

/* Room for @size bytes, aligned for any value; never fails, never freed alone. */
gpointer
gp_json_doc_alloc (GpJsonDoc *doc,
                   gsize      size)
{
  gsize pad = (gsize) -(guintptr) doc->cursor & (sizeof (gint64) - 1);
  char *p;

  if (size == 0)
    return NULL;
  if (size + pad > (gsize) (doc->limit - doc->cursor))
    {
      add_block (doc, size);
      pad = 0;
    }
  p = doc->cursor + pad;
  doc->cursor = p + size;
  return p;
}

/* A NUL-terminated copy of @text; strings need no alignment. */
const char *
gp_json_doc_add_string (GpJsonDoc  *doc,
                        const char *text,
                        gsize       length)
{
  char *copy;

  if (length + 1 > (gsize) (doc->limit - doc->cursor))
    add_block (doc, length + 1);
  copy = doc->cursor;
  doc->cursor += length + 1;
  memcpy (copy, text, length);
  copy[length] = '\0';
  return copy;
}

void
gp_json_doc_set_root (GpJsonDoc         *doc,
                      const GpJsonValue *root)
{
  doc->root = *root;
}

const GpJsonValue *
gp_json_doc_get_root (const GpJsonDoc *doc)
{
  return &doc->root;
}

void
gp_json_doc_free (GpJsonDoc *doc)
{
  Block *block;

  if (doc == NULL)
    return;
  while ((block = doc->blocks) != NULL)
    {
      doc->blocks = block->next;
      g_free (block);
    }
  g_free (doc);
}

const GpJsonValue *
gp_json_value_get_member (const GpJsonValue *object,
                          const char        *key)
{
  g_return_val_if_fail (object->type == GP_JSON_VALUE_OBJECT, NULL);

  for (guint i = 0; i < object->length; i++)
    if (strcmp (object->members[i].key, key) == 0)
      return &object->members[i].value;
  return NULL;
}

JsonNode *
gp_json_value_to_node (const GpJsonValue *value)
{
  JsonNode *node = json_node_alloc ();

  switch (value->type)
    {
    case GP_JSON_VALUE_BOOLEAN:
      return json_node_init_boolean (node, value->boolean);
    case GP_JSON_VALUE_INT:
      return json_node_init_int (node, value->integer);
    case GP_JSON_VALUE_DOUBLE:
      return json_node_init_double (node, value->number);
    case GP_JSON_VALUE_STRING:
      return json_node_init_string (node, value->string);
    case GP_JSON_VALUE_ARRAY:
      {
        g_autoptr(JsonArray) array = json_array_sized_new (value->length);

        for (guint i = 0; i < value->length; i++)
          json_array_add_element (array, gp_json_value_to_node (&value->elements[i]));
        return json_node_init_array (node, array);
      }
    case GP_JSON_VALUE_OBJECT:
      {
        g_autoptr(JsonObject) object = json_object_new ();

        for (guint i = 0; i < value->length; i++)
          json_object_set_member (object, value->members[i].key,
                                  gp_json_value_to_node (&value->members[i].value));
        return json_node_init_object (node, object);
      }
    case GP_JSON_VALUE_NULL:
    default:
      return json_node_init_null (node);
    }
}
