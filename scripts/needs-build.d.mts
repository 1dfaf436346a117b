export declare const BUILD_OUTPUTS: readonly string[];
export declare const SOURCE_DIRS: readonly string[];
export declare const isBuildConfigFile: (name: string) => boolean;
export declare function staleReason(root: string): string | null;
