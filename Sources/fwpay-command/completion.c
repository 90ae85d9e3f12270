/* fwpay completion bash|zsh|fish: completion scripts written from the command tables (the
 * commands, their actions, each action's options and the global ones), so that they cannot
 * drift from the command. `make install` installs all three. */
#include <stdio.h>
#include <string.h>

#include "cli.h"

static int bash(struct cli *, fwp_client *, int, char **);
static int zsh(struct cli *, fwp_client *, int, char **);
static int fish(struct cli *, fwp_client *, int, char **);

const struct action completion_actions[] = {
    { "bash", bash, "completion bash   (source it, or install it as bash-completion/completions/fwpay)", ACTION_LOCAL,
      "Prints the bash completion script; `source <(fwpay completion bash)` loads it for this shell.", NULL,
      "fwpay completion bash > ~/.local/share/bash-completion/completions/fwpay", NULL },
    { "zsh", zsh, "completion zsh    (install it as _fwpay in a directory of $fpath)", ACTION_LOCAL,
      "Prints the zsh completion script.", NULL, "fwpay completion zsh > ~/.zfunc/_fwpay", NULL },
    { "fish", fish, "completion fish   (install it as ~/.config/fish/completions/fwpay.fish)", ACTION_LOCAL,
      "Prints the fish completion script.", NULL, "fwpay completion fish > ~/.config/fish/completions/fwpay.fish", NULL },
    { NULL, NULL, NULL, 0, NULL, NULL, NULL, NULL },
};

/* listen and request are one action each, named as the command: no action word follows. */
static int single(const struct command *c) {
    return c->actions[0].name && !c->actions[1].name && strcmp(c->actions[0].name, c->name) == 0;
}

/* Text inside '...' for sh, zsh and fish: a quote becomes '\'' (fish: \'). */
static void quoted(const char *text, int for_fish) {
    putchar('\'');
    for (; *text; text++) {
        if (*text == '\'') fputs(for_fish ? "\\'" : "'\\''", stdout);
        else if (for_fish && *text == '\\') fputs("\\\\", stdout);
        else putchar(*text);
    }
    putchar('\'');
}

static void add_value_options(const char **seen, size_t *count, size_t size, const struct option_doc *o) {
    for (; o && o->flag; o++) {
        if (!o->value) continue;
        size_t i = 0;
        while (i < *count && strcmp(seen[i], o->flag) != 0) i++;
        if (i == *count && *count < size) seen[(*count)++] = o->flag;
    }
}

/* Every option that takes a value, each once, space-separated and space-framed (" --data --jq "),
 * so that a script can skip an option's value when it looks for the command and action. */
static void value_options(void) {
    const char *seen[128];
    size_t count = 0, size = sizeof seen / sizeof seen[0];
    add_value_options(seen, &count, size, global_options);
    add_value_options(seen, &count, size, common_options(ACTION_WRITE));
    add_value_options(seen, &count, size, common_options(ACTION_LIST));
    for (const struct command *c = commands; c->name; c++)
        for (const struct action *a = c->actions; a->name; a++) add_value_options(seen, &count, size, a->options);
    printf(" ");
    for (size_t i = 0; i < count; i++) printf("%s ", seen[i]);
}

/* The loop bash and zsh share: the command and action typed before the current word, skipping
 * every option and the value of those that take one. `words`, `first` and `current` are the
 * shell's own (COMP_WORDS from 1 to COMP_CWORD; words from 2 to CURRENT). */
static void word_scan(const char *words, int first, const char *current) {
    printf("    local values='");
    value_options();
    printf("'\n"
           "    for ((i = %d; i < %s; i++)); do\n"
           "        word=${%s[i]}\n"
           "        case $word in\n"
           "            --*=*) ;;\n"
           "            -*) [[ $values == *\" $word \"* ]] && ((i++)) ;;\n"
           "            *) if [[ -z $command ]]; then command=$word; elif [[ -z $action ]]; then action=$word; fi ;;\n"
           "        esac\n"
           "    done\n", first, current, words);
}

static void flags_of(const struct option_doc *options) {
    for (; options && options->flag; options++) printf(" %s", options->flag);
}

static const char profiles_sed[] = "sed -n 's/^[[:space:]]*\\[\\([^]]*\\)\\].*/\\1/p'";

static int bash(struct cli *cli, fwp_client *client, int argc, char **argv) {
    (void)cli, (void)client;
    if (check_no_more("completion", completion_actions, argc, argv)) return CLI_EXIT_USAGE;
    printf("# bash completion for fwpay %s, written by `fwpay completion bash`.\n", FWP_VERSION_STRING);
    printf("_fwpay_profiles() {\n"
           "    local file=${FWPAY_CONFIG:-${XDG_CONFIG_HOME:-$HOME/.config}/fwpay/config}\n"
           /* Only a file fwpay itself would read (no bits for group and others). */
           "    [ -r \"$file\" ] || return\n"
           "    case $(stat -L -c %%a \"$file\" 2>/dev/null) in ?00) %s \"$file\" ;; esac\n}\n", profiles_sed);
    printf("_fwpay() {\n"
           "    local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]} command= action= i word\n"
           "    local globals='");
    for (const struct option_doc *o = global_options; o->flag; o++) printf("%s ", o->flag);
    printf("--help'\n");
    word_scan("COMP_WORDS", 1, "COMP_CWORD");
    printf("    case $prev in\n"
           "        --api-key-file|--secret-file) COMPREPLY=($(compgen -f -- \"$cur\")); return ;;\n"
           "        --data) [[ $cur == @* ]] && COMPREPLY=($(compgen -f -- \"${cur#@}\" | sed 's/^/@/')); return ;;\n"
           /* Each name is compared as text, never expanded: compgen -W would run $(...) in a name. */
           "        --profile) local name; COMPREPLY=()\n"
           "            while IFS= read -r name; do [[ $name == \"$cur\"* ]] && COMPREPLY+=(\"$name\"); done < <(_fwpay_profiles)\n"
           "            return ;;\n"
           "    esac\n"
           "    [[ $values == *\" $prev \"* ]] && return\n"
           "    if [[ -z $command ]]; then\n"
           "        if [[ $cur == -* ]]; then COMPREPLY=($(compgen -W \"$globals --version\" -- \"$cur\"))\n"
           "        else COMPREPLY=($(compgen -W '");
    for (const struct command *c = commands; c->name; c++) printf("%s ", c->name);
    printf("help' -- \"$cur\")); fi\n"
           "        return\n"
           "    fi\n"
           "    local actions= options=\n"
           "    case $command in\n");
    for (const struct command *c = commands; c->name; c++) {
        if (single(c)) { printf("        %s) action=$command ;;\n", c->name); continue; }
        printf("        %s) actions='", c->name);
        for (const struct action *a = c->actions; a->name; a++) printf("%s%s", a == c->actions ? "" : " ", a->name);
        printf("' ;;\n");
    }
    printf("        help) COMPREPLY=($(compgen -W '");
    for (const struct command *c = commands; c->name; c++) printf("%s ", c->name);
    printf("' -- \"$cur\")); return ;;\n"
           "    esac\n"
           "    if [[ -z $action ]]; then COMPREPLY=($(compgen -W \"$actions\" -- \"$cur\")); return; fi\n"
           "    case \"$command $action\" in\n");
    for (const struct command *c = commands; c->name; c++)
        for (const struct action *a = c->actions; a->name; a++) {
            printf("        '%s %s') options='", c->name, a->name);
            flags_of(a->options);
            flags_of(common_options(a->kind));
            printf("' ;;\n");
        }
    printf("    esac\n"
           "    if [[ $cur == -* ]]; then COMPREPLY=($(compgen -W \"$options $globals\" -- \"$cur\"))\n"
           "    elif [[ $command == request && $action == request && -z ${COMP_WORDS[*]:2:COMP_CWORD-2} ]]; then\n"
           "        COMPREPLY=($(compgen -W 'GET POST PATCH DELETE' -- \"$cur\"))\n"
           "    fi\n"
           "}\n"
           "complete -F _fwpay fwpay\n");
    return 0;
}

/* zsh: "name:description" entries for _describe. */
static void described(const char *name, const char *description) {
    printf("        ");
    char entry[512];
    snprintf(entry, sizeof entry, "%s:%s", name, description);
    quoted(entry, 0);
    printf("\n");
}

static void described_options(const struct option_doc *options) {
    for (; options && options->flag; options++) described(options->flag, options->help);
}

static int zsh(struct cli *cli, fwp_client *client, int argc, char **argv) {
    (void)cli, (void)client;
    if (check_no_more("completion", completion_actions, argc, argv)) return CLI_EXIT_USAGE;
    printf("#compdef fwpay\n# zsh completion for fwpay %s, written by `fwpay completion zsh`.\n", FWP_VERSION_STRING);
    printf("_fwpay() {\n"
           "    local command= action= i word cur=${words[CURRENT]} prev=${words[CURRENT-1]}\n");
    word_scan("words", 2, "CURRENT");
    printf("    case $prev in\n"
           "        --api-key-file|--secret-file) _files; return ;;\n"
           "        --data) [[ $cur == @* ]] && { compset -P '@'; _files; }; return ;;\n"
           "        --profile)\n"
           "            local file=${FWPAY_CONFIG:-${XDG_CONFIG_HOME:-$HOME/.config}/fwpay/config}\n"
           "            [[ -r $file ]] && compadd -- ${(f)\"$(%s \"$file\")\"}\n"
           "            return ;;\n"
           "    esac\n"
           "    [[ $values == *\" $prev \"* ]] && return\n"
           "    local -a entries globals\n"
           "    globals=(\n", profiles_sed);
    described_options(global_options);
    described("--help", "this help");
    printf("    )\n"
           "    if [[ -z $command ]]; then\n"
           "        if [[ $cur == -* ]]; then _describe option globals; return; fi\n"
           "        entries=(\n");
    for (const struct command *c = commands; c->name; c++) described(c->name, c->summary);
    described("help", "describe a command or an action");
    printf("        )\n"
           "        _describe command entries\n"
           "        return\n"
           "    fi\n"
           "    case $command in\n");
    for (const struct command *c = commands; c->name; c++) {
        if (single(c)) { printf("        %s) action=$command ;;\n", c->name); continue; }
        printf("        %s)\n            entries=(\n", c->name);
        for (const struct action *a = c->actions; a->name; a++) described(a->name, a->help);
        printf("            ) ;;\n");
    }
    printf("        help) compadd --");
    for (const struct command *c = commands; c->name; c++) printf(" %s", c->name);
    printf("; return ;;\n"
           "    esac\n"
           "    if [[ -z $action ]]; then _describe action entries; return; fi\n"
           "    [[ $cur == -* ]] || return\n"
           "    entries=()\n"
           "    case \"$command $action\" in\n");
    for (const struct command *c = commands; c->name; c++)
        for (const struct action *a = c->actions; a->name; a++) {
            printf("        '%s %s') entries=(\n", c->name, a->name);
            described_options(a->options);
            described_options(common_options(a->kind));
            printf("        ) ;;\n");
        }
    printf("    esac\n"
           "    entries+=($globals)\n"
           "    _describe option entries\n"
           "}\n"
           "if [[ $funcstack[1] == _fwpay ]]; then _fwpay \"$@\"; else compdef _fwpay fwpay; fi\n");
    return 0;
}

static void fish_option(const char *condition, const struct option_doc *o) {
    printf("complete -c fwpay%s%s -l %s %s -d ", condition ? " -n " : "", condition ? condition : "", o->flag + 2,
           o->value ? "-r" : "");
    quoted(o->help, 1);
    printf("\n");
}

static int fish(struct cli *cli, fwp_client *client, int argc, char **argv) {
    (void)cli, (void)client;
    if (check_no_more("completion", completion_actions, argc, argv)) return CLI_EXIT_USAGE;
    printf("# fish completion for fwpay %s, written by `fwpay completion fish`.\n", FWP_VERSION_STRING);
    printf("function __fwpay_words --description 'the command and action typed so far'\n"
           "    set -l values");
    value_options();
    printf("\n    set -l tokens (commandline -opc)\n"
           "    set -e tokens[1]\n"
           "    set -l skip 0\n"
           "    for token in $tokens\n"
           "        if test $skip = 1; set skip 0; continue; end\n"
           "        switch $token\n"
           "            case '--*=*'\n"
           "            case '-*'\n"
           "                contains -- $token $values; and set skip 1\n"
           "            case '*'\n"
           "                echo $token\n"
           "        end\n"
           "    end\n"
           "end\n"
           "function __fwpay_at --description 'exactly these words typed so far'\n"
           "    set -l words (__fwpay_words)\n"
           "    test (count $words) -eq (count $argv); or return 1\n"
           "    for i in (seq (count $argv)); test \"$words[$i]\" = \"$argv[$i]\"; or return 1; end\n"
           "end\n"
           "function __fwpay_in --description 'these words typed first'\n"
           "    set -l words (__fwpay_words)\n"
           "    test (count $words) -ge (count $argv); or return 1\n"
           "    for i in (seq (count $argv)); test \"$words[$i]\" = \"$argv[$i]\"; or return 1; end\n"
           "end\n"
           "function __fwpay_profiles\n"
           "    set -l file $FWPAY_CONFIG\n"
           "    test -n \"$file\"; or set file (set -q XDG_CONFIG_HOME; and echo $XDG_CONFIG_HOME; or echo $HOME/.config)/fwpay/config\n"
           "    test -r $file; and %s $file\n"
           "end\n"
           "complete -c fwpay -f\n", profiles_sed);
    for (const struct option_doc *o = global_options; o->flag; o++) fish_option(NULL, o);
    printf("complete -c fwpay -l profile -x -a '(__fwpay_profiles)'\n"
           "complete -c fwpay -l api-key-file -F\n");
    for (const struct command *c = commands; c->name; c++) {
        printf("complete -c fwpay -n '__fwpay_at' -a %s -d ", c->name);
        quoted(c->summary, 1);
        printf("\n");
    }
    printf("complete -c fwpay -n '__fwpay_at' -a help -d 'describe a command or an action'\n");
    for (const struct command *c = commands; c->name; c++) {
        char condition[96];
        for (const struct action *a = c->actions; a->name; a++) {
            if (!single(c)) {
                printf("complete -c fwpay -n '__fwpay_at %s' -a %s -d ", c->name, a->name);
                quoted(a->help, 1);
                printf("\n");
                snprintf(condition, sizeof condition, "'__fwpay_in %s %s'", c->name, a->name);
            } else {
                snprintf(condition, sizeof condition, "'__fwpay_in %s'", c->name);
            }
            for (const struct option_doc *o = a->options; o && o->flag; o++) fish_option(condition, o);
            for (const struct option_doc *o = common_options(a->kind); o->flag; o++) fish_option(condition, o);
        }
    }
    printf("complete -c fwpay -n '__fwpay_in request; and __fwpay_at request' -a 'GET POST PATCH DELETE'\n");
    return 0;
}

int cmd_completion(struct cli *cli) {
    return run_offline(cli, "completion", completion_actions);
}
