/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <stdio.h>
#include <string.h>

#include <guidepost/guidepost.h>

#include "gp-command-line.h"

enum {
  EXIT_VALID = 0,
  EXIT_INVALID = 1,
  EXIT_USAGE = 2,
};

static const char * const commands[] = { "--validate", "--list", "--help", "-h", "--version", NULL };

gboolean
gp_command_line_handles (int    argc,
                         char **argv)
{
  for (int i = 1; i < argc; i++)
    {
      if (strcmp (argv[i], "--") == 0)
        break;
      if (g_strv_contains (commands, argv[i]))
        return TRUE;
    }
  return FALSE;
}

static void
print_diagnostic (GpDiagnostic *diagnostic)
{
  g_autofree char *line = gp_diagnostic_to_string (diagnostic);

  g_print ("%s\n", line);
}

/* Checks each file; unreadable beats invalid beats valid in the exit status. */
static int
validate_files (char **files)
{
  int status = EXIT_VALID;

  for (guint i = 0; files[i] != NULL; i++)
    {
      g_autoptr(GPtrArray) diagnostics = g_ptr_array_new_with_free_func (g_object_unref);
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (files[i]);
      g_autoptr(GpFlow) flow = NULL;
      g_autoptr(GError) error = NULL;
      guint n_errors, n_warnings;

      flow = gp_flow_load_file_named (file, files[i], NULL, diagnostics, &error);
      for (guint d = 0; d < diagnostics->len; d++)
        print_diagnostic (g_ptr_array_index (diagnostics, d));

      if (g_error_matches (error, GP_FLOW_ERROR, GP_FLOW_ERROR_UNREADABLE))
        {
          status = EXIT_USAGE;
          continue;
        }

      n_errors = gp_diagnostics_count (diagnostics, GP_SEVERITY_ERROR);
      n_warnings = gp_diagnostics_count (diagnostics, GP_SEVERITY_WARNING);
      if (flow == NULL)
        {
          if (status == EXIT_VALID)
            status = EXIT_INVALID;
          g_printerr ("%s: invalid: %u error%s, %u warning%s\n", files[i],
                      n_errors, n_errors == 1 ? "" : "s", n_warnings, n_warnings == 1 ? "" : "s");
        }
      else
        g_printerr ("%s: valid (%s %s, %u steps), %u warning%s\n", files[i],
                    gp_flow_get_id (flow), gp_flow_get_version (flow), gp_flow_get_n_steps (flow),
                    n_warnings, n_warnings == 1 ? "" : "s");
    }

  return status;
}

static int
list_library (void)
{
  g_autoptr(GpFlowLibrary) library = gp_flow_library_new ();
  GListModel *model = G_LIST_MODEL (library);
  GListModel *problems = gp_flow_library_get_problems (library);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GpFlow) flow = g_list_model_get_item (model, i);

      g_print ("%s\t%s\t%s\t%s\n", gp_flow_get_id (flow), gp_flow_get_version (flow),
               gp_flow_get_locale (flow), gp_flow_get_title (flow));
    }

  /* Broken user files are reported, but do not hide the rest of the library. */
  for (guint i = 0; i < g_list_model_get_n_items (problems); i++)
    {
      g_autoptr(GpDiagnostic) diagnostic = g_list_model_get_item (problems, i);
      g_autofree char *line = gp_diagnostic_to_string (diagnostic);

      g_printerr ("%s\n", line);
    }

  return EXIT_VALID;
}

int
gp_command_line_run (int    argc,
                     char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) files = NULL;
  g_auto(GStrv) args = NULL;
  gboolean validate = FALSE;
  gboolean list = FALSE;
  gboolean version = FALSE;
  const GOptionEntry entries[] = {
    { "validate", 0, 0, G_OPTION_ARG_NONE, &validate,
      "Check flow files and print every problem; exit 0 if valid, 1 if invalid, 2 if unreadable", NULL },
    { "list", 0, 0, G_OPTION_ARG_NONE, &list, "Print the flow library: id, version, locale, title", NULL },
    { "version", 0, 0, G_OPTION_ARG_NONE, &version, "Print the version", NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &files, NULL, "[FILE…]" },
    { NULL }
  };

  context = g_option_context_new ("— walk a customer through an online service");
  g_option_context_set_summary (context,
                                "Without options, opens the flow library window.");
  g_option_context_add_main_entries (context, entries, NULL);

  /* GOptionContext wants to own a copy it may rearrange. */
  args = g_strdupv (argv);
  if (!g_option_context_parse_strv (context, &args, &error))
    {
      g_printerr ("guidepost: %s\nTry “guidepost --help”.\n", error->message);
      return EXIT_USAGE;
    }

  if (version)
    {
      g_print ("guidepost %s\n", PACKAGE_VERSION);
      return EXIT_VALID;
    }

  if (validate && list)
    {
      g_printerr ("guidepost: --validate and --list cannot be combined\n");
      return EXIT_USAGE;
    }

  if (validate)
    {
      if (files == NULL || files[0] == NULL)
        {
          g_printerr ("guidepost: --validate needs at least one FILE\n");
          return EXIT_USAGE;
        }
      return validate_files (files);
    }

  if (list)
    {
      if (files != NULL && files[0] != NULL)
        {
          g_printerr ("guidepost: --list takes no files\n");
          return EXIT_USAGE;
        }
      return list_library ();
    }

  return EXIT_USAGE;
}
