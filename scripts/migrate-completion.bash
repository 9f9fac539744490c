# bash completion for migrate; installed as share/bash-completion/completions/migrate.
_migrate() {
    local cur prev words cword
    _init_completion 2>/dev/null || {
        cur="${COMP_WORDS[COMP_CWORD]}"; prev="${COMP_WORDS[COMP_CWORD-1]}"
        words=("${COMP_WORDS[@]}"); cword=$COMP_CWORD
    }
    local commands="init list-templates revision upgrade downgrade stamp current history heads
        branches show merge edit check diff create-all drop-all inspect reflect"
    local global="-c --config --env --url --models -q --quiet -v --verbose --echo --format
        --no-color --version --help"

    case "$prev" in
        -c|--config|--models|-o) COMPREPLY=($(compgen -f -- "$cur")); return ;;
        --format) COMPREPLY=($(compgen -W "text json" -- "$cur")); return ;;
        --url|--env|-m|--lock-timeout) return ;;
    esac

    local cmd="" i
    for ((i = 1; i < cword; i++)); do
        case "${words[i]}" in
            -c|--config|--env|--url|--models|--format) ((i++)) ;;
            -*) ;;
            *) cmd="${words[i]}"; break ;;
        esac
    done

    if [[ -z "$cmd" ]]; then
        COMPREPLY=($(compgen -W "$commands $global" -- "$cur"))
        return
    fi
    local opts="--help"
    case "$cmd" in
        init) opts+=" -t --template" ;;
        revision) opts+=" -m --autogenerate --offline --allow-empty --head --splice --branch-label --depends-on --rev-id" ;;
        upgrade|downgrade) opts+=" --sql --lock-timeout --allow-changed head base" ;;
        stamp) opts+=" --purge --sql head base" ;;
        current) opts+=" -v --check-heads" ;;
        history) opts+=" -r -v -i" ;;
        merge) opts+=" -m" ;;
        check|diff) opts+=" --offline" ;;
        drop-all) opts+=" --yes" ;;
        inspect) opts+=" --schemas" ;;
        reflect) opts+=" --tables --schemas -o --format --function" ;;
    esac
    COMPREPLY=($(compgen -W "$opts" -- "$cur"))
}
complete -F _migrate migrate
