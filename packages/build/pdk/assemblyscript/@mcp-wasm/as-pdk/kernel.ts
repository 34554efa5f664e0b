// The Extism kernel (`extism:host/env`), with its real names and signatures. Only the functions a
// servlet reaches become imports of its module, so declaring them all asks the host for nothing.

@external("extism:host/env", "alloc")
export declare function alloc(length: u64): u64;
@external("extism:host/env", "free")
export declare function free(block: u64): void;
@external("extism:host/env", "length")
export declare function length(block: u64): u64;
@external("extism:host/env", "load_u8")
export declare function load_u8(offset: u64): u8;
@external("extism:host/env", "load_u64")
export declare function load_u64(offset: u64): u64;
@external("extism:host/env", "store_u8")
export declare function store_u8(offset: u64, value: u8): void;
@external("extism:host/env", "store_u64")
export declare function store_u64(offset: u64, value: u64): void;
@external("extism:host/env", "input_length")
export declare function input_length(): u64;
@external("extism:host/env", "input_load_u8")
export declare function input_load_u8(offset: u64): u8;
@external("extism:host/env", "input_load_u64")
export declare function input_load_u64(offset: u64): u64;
@external("extism:host/env", "output_set")
export declare function output_set(offset: u64, length: u64): void;
@external("extism:host/env", "error_set")
export declare function error_set(message: u64): void;
@external("extism:host/env", "config_get")
export declare function config_get(key: u64): u64;
@external("extism:host/env", "var_get")
export declare function var_get(key: u64): u64;
@external("extism:host/env", "var_set")
export declare function var_set(key: u64, value: u64): void;
@external("extism:host/env", "http_request")
export declare function http_request(request: u64, body: u64): u64;
@external("extism:host/env", "http_status_code")
export declare function http_status_code(): i32;
@external("extism:host/env", "log_debug")
export declare function log_debug(message: u64): void;
@external("extism:host/env", "log_info")
export declare function log_info(message: u64): void;
@external("extism:host/env", "log_warn")
export declare function log_warn(message: u64): void;
@external("extism:host/env", "log_error")
export declare function log_error(message: u64): void;
